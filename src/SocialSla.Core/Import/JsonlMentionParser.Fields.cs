using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Import;

public static partial class JsonlMentionParser
{
    private const string PlatformList = "x, facebook, messenger, instagram, reddit, youtube, rss or generic";
    private const string ChannelList = "dm, public_comment, mention, review or post";
    private const string VerbList = "add, edit or delete";
    private const string PriorityList = "low, normal, high or urgent";
    private const int PooledMaxBytes = 256;

    private enum Field
    {
        Unknown, Id, Platform, Account, Channel, ParentId, ThreadKey, Author, FromBrand, Text, CreatedAt, ReceivedAt,
        Verb, Actionable, Priority, Url, AuthorId, Handle, Followers, Verified,
    }

    private static string Name(Field field) => field switch
    {
        Field.Id => "id",
        Field.Platform => "platform",
        Field.Account => "account",
        Field.Channel => "channel",
        Field.Author => "author",
        Field.Text => "text",
        Field.Verb => "verb",
        Field.Actionable => "actionable",
        Field.Priority => "priority",
        Field.Url => "url",
        Field.ParentId => "parentId",
        Field.ThreadKey => "threadKey",
        Field.FromBrand => "fromBrand",
        Field.CreatedAt => "createdAt",
        Field.ReceivedAt => "receivedAt",
        Field.AuthorId => "author.id",
        Field.Handle => "author.handle",
        Field.Followers => "author.followers",
        Field.Verified => "author.verified",
        _ => "(unknown)",
    };

    /// <summary>The values read so far; null means "not given" (or given as null).</summary>
    private struct Fields
    {
        public string? Id;
        public Platform? Platform;
        public string? Account;
        public Channel? Channel;
        public string? ParentId;
        public string? ThreadKey;
        public string? AuthorId;
        public string? Handle;
        public long? Followers;
        public bool? Verified;
        public bool? FromBrand;
        public string? Text;
        public Instant? CreatedAt;
        public Instant? ReceivedAt;
        public MentionVerb? Verb;
        public bool? Actionable;
        public Priority? Priority;
        public string? Url;
        private int _seen;
        private bool _authorSeen;

        public bool MarkSeen(Field field)
        {
            if (field == Field.Author) _authorSeen = true;
            var bit = 1 << (int)field;
            if ((_seen & bit) != 0) return false;
            _seen |= bit;
            return true;
        }

        public readonly string? Missing() =>
            Id is null ? Required("id")
            : Platform is null ? Required("platform")
            : Account is null ? Required("account")
            : !_authorSeen ? Required("author")
            : AuthorId is null ? Required("author.id")
            : FromBrand is null ? Required("fromBrand")
            : CreatedAt is null ? Required("createdAt")
            : null;

        private static string Required(string name) => $"The required property '{name}' is missing.";
    }

    private delegate bool EnumParser<T>(ReadOnlySpan<char> name, out T value);

    private static string? ReadString(ref Utf8JsonReader reader, string name, bool required, StringPool? pool,
        out string? value, bool allowEmpty = false)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null && !required) return null;
        if (reader.TokenType != JsonTokenType.String)
            return $"{name} must be a string{(required ? "" : " or null")}, not {Describe(reader.TokenType)}.";
        value = GetString(ref reader, pool);
        if (!allowEmpty && string.IsNullOrWhiteSpace(value))
            return $"{name} must not be empty{(required ? "" : " (use null)")}.";
        return null;
    }

    private static string? ReadId(ref Utf8JsonReader reader, string name, bool allowNull, out string? value,
        StringPool? pool = null)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null when allowNull:
                return null;
            case JsonTokenType.String:
                value = GetString(ref reader, pool);
                return string.IsNullOrWhiteSpace(value) ? $"{name} must not be empty." : null;
            case JsonTokenType.Number:
                var digits = reader.ValueSpan;
                foreach (var b in digits)
                {
                    if (b is < (byte)'0' or > (byte)'9') return $"{name} must be a string or a non-negative integer, not {Encoding.UTF8.GetString(digits)}.";
                }
                value = Encoding.UTF8.GetString(digits);
                return null;
            default:
                return $"{name} must be a string or an integer{(allowNull ? " or null" : "")}, not {Describe(reader.TokenType)}.";
        }
    }

    private static string? ReadBool(ref Utf8JsonReader reader, string name, bool allowNull, out bool? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return null;
            case JsonTokenType.False:
                value = false;
                return null;
            case JsonTokenType.Null when allowNull:
                return null;
            default:
                return $"{name} must be true or false, not {Describe(reader.TokenType)}.";
        }
    }

    private static string? ReadCount(ref Utf8JsonReader reader, string name, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var count) || count < 0)
            return $"{name} must be a non-negative integer or null.";
        value = count;
        return null;
    }

    private static string? ReadInstant(ref Utf8JsonReader reader, string name, bool allowNull, out Instant? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null && allowNull) return null;
        if (reader.TokenType != JsonTokenType.String)
            return $"{name} must be a string{(allowNull ? " or null" : "")}, not {Describe(reader.TokenType)}.";
        var text = reader.GetString()!;
        var instant = InstantPattern.ExtendedIso.Parse(text);
        if (instant.Success)
        {
            value = instant.Value;
            return null;
        }
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (offset.Success)
        {
            value = offset.Value.ToInstant();
            return null;
        }
        var shown = text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
        return $"{name} '{shown}' is not an ISO-8601 instant such as '2026-11-22T10:15:00Z' or '2026-11-22T11:15:00+01:00'.";
    }

    private static string? ReadEnum<T>(ref Utf8JsonReader reader, string name, bool allowNull, EnumParser<T> parse,
        string allowed, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null && allowNull) return null;
        if (reader.TokenType != JsonTokenType.String)
            return $"{name} must be a string{(allowNull ? " or null" : "")}, not {Describe(reader.TokenType)}.";
        if (reader.ValueSpan.Length <= 32)
        {
            Span<char> chars = stackalloc char[32];
            var length = reader.CopyString(chars);
            if (parse(chars[..length], out var parsed))
            {
                value = parsed;
                return null;
            }
        }
        var text = reader.GetString()!;
        var shown = text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
        return $"{name} '{shown}' is not one of {allowed}.";
    }

    private static string GetString(ref Utf8JsonReader reader, StringPool? pool)
    {
        if (pool is null || reader.ValueSpan.Length > PooledMaxBytes) return reader.GetString()!;
        Span<char> chars = stackalloc char[PooledMaxBytes];
        var length = reader.CopyString(chars);
        return pool.Get(chars[..length]);
    }

    private static bool TryParsePlatform(ReadOnlySpan<char> name, out Platform value) =>
        PlatformNames.TryParse(name, out value);

    private static bool TryParseChannel(ReadOnlySpan<char> name, out Channel value) =>
        ChannelNames.TryParse(name, out value);

    private static bool TryParseVerb(ReadOnlySpan<char> name, out MentionVerb value)
    {
        value = name.Equals("add", StringComparison.OrdinalIgnoreCase) ? MentionVerb.Add
            : name.Equals("edit", StringComparison.OrdinalIgnoreCase) ? MentionVerb.Edit
            : name.Equals("delete", StringComparison.OrdinalIgnoreCase) ? MentionVerb.Delete
            : default;
        return value != default;
    }

    private static bool TryParsePriority(ReadOnlySpan<char> name, out Priority value)
    {
        value = name.Equals("low", StringComparison.OrdinalIgnoreCase) ? Priority.Low
            : name.Equals("normal", StringComparison.OrdinalIgnoreCase) ? Priority.Normal
            : name.Equals("high", StringComparison.OrdinalIgnoreCase) ? Priority.High
            : name.Equals("urgent", StringComparison.OrdinalIgnoreCase) ? Priority.Urgent
            : default;
        return value != default;
    }
}
