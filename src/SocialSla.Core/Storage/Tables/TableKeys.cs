using System.Globalization;
using System.Text;

namespace SocialSla.Core.Storage.Tables;

/// <summary>Where an entity lives: its table's partition and row keys.</summary>
/// <param name="PartitionKey">The partition key.</param>
/// <param name="RowKey">The row key.</param>
public readonly record struct TableEntityAddress(string PartitionKey, string RowKey);

/// <summary>Builds <c>PartitionKey</c> and <c>RowKey</c> values out of parts joined with <c>|</c>.</summary>
/// <remarks>The Table service refuses <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> and the control characters U+0000–U+001F
/// and U+007F–U+009F in keys. <see cref="Escape"/> writes those, <c>|</c> (the separator) and <c>%</c> (the escape
/// character) as <c>%XX</c>, so any account name or source name makes a valid, reversible key part, and keys compare
/// in the order of their unescaped parts for ordinary characters.</remarks>
public static class TableKeys
{
    /// <summary>The separator between key parts.</summary>
    public const char Separator = '|';

    /// <summary>Escapes one key part (see the remarks of <see cref="TableKeys"/>).</summary>
    public static string Escape(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var clean = true;
        foreach (var c in part)
        {
            if (NeedsEscape(c)) { clean = false; break; }
        }
        if (clean) return part;
        var builder = new StringBuilder(part.Length + 8);
        foreach (var c in part)
        {
            if (NeedsEscape(c)) builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Reverses <see cref="Escape"/>.</summary>
    /// <exception cref="FormatException">A <c>%</c> is not followed by two hexadecimal digits.</exception>
    public static string Unescape(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (!part.Contains('%', StringComparison.Ordinal)) return part;
        var builder = new StringBuilder(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] != '%') { builder.Append(part[i]); continue; }
            if (i + 2 >= part.Length || !byte.TryParse(part.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                throw new FormatException($"'{part}' has a '%' that is not followed by two hexadecimal digits.");
            builder.Append((char)code);
            i += 2;
        }
        return builder.ToString();
    }

    /// <summary>Escapes each part and joins them with <see cref="Separator"/>.</summary>
    public static string Join(params ReadOnlySpan<string> parts)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) builder.Append(Separator);
            builder.Append(Escape(parts[i]));
        }
        return builder.ToString();
    }

    /// <summary>Splits a key made by <see cref="Join"/> into its unescaped parts.</summary>
    /// <exception cref="FormatException">A part is not validly escaped.</exception>
    public static string[] Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator);
        for (var i = 0; i < parts.Length; i++) parts[i] = Unescape(parts[i]);
        return parts;
    }

    /// <summary>Throws when <paramref name="key"/> is no valid key: longer than <see cref="TableLimits.MaxKeyChars"/>
    /// characters or holding a character the service refuses.</summary>
    /// <exception cref="TableLimitException">The key is not valid.</exception>
    public static void CheckKey(string key, string which)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > TableLimits.MaxKeyChars)
            throw new TableLimitException($"The {which} has {key.Length} characters; Table storage takes at most {TableLimits.MaxKeyChars}.");
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || IsControl(c))
                throw new TableLimitException($"The {which} '{key}' holds U+{(int)c:X4}, which Table storage refuses in keys.");
        }
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' or Separator || IsControl(c);

    private static bool IsControl(char c) => c <= '\u001F' || c is >= '\u007F' and <= '\u009F';
}
