using System.Diagnostics.CodeAnalysis;

namespace SocialSla.Core.Mentions;

/// <summary>A brand account on a platform (a Page, an X handle, a YouTube channel), written <c>platform:account</c>.</summary>
/// <remarks>Equality is ordinal on <see cref="Value"/>. The default value is not valid.</remarks>
public readonly record struct PlatformAccountId
{
    /// <summary>Creates an account id.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or white space.</exception>
    public PlatformAccountId(Platform platform, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Platform = platform;
        Value = value;
        _hash = HashCode.Combine(platform, value.GetHashCode());
    }

    private readonly int _hash;

    /// <summary>The platform the account lives on.</summary>
    public Platform Platform { get; }

    /// <summary>The platform's id or handle of the account (e.g. <c>AdobeCare</c>, a Page id).</summary>
    public string Value { get; }

    /// <summary>Parses <c>platform:account</c>.</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static PlatformAccountId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an account id of the form platform:account.");

    /// <summary>Tries to parse <c>platform:account</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PlatformAccountId id)
    {
        id = default;
        if (text is null) return false;
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        if (!PlatformNames.TryParse(text.AsSpan(0, colon), out var platform)) return false;
        var value = text[(colon + 1)..];
        if (string.IsNullOrWhiteSpace(value)) return false;
        id = new PlatformAccountId(platform, value);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(PlatformAccountId other) =>
        Platform == other.Platform && _hash == other._hash && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <inheritdoc/>
    public override string ToString() => $"{Platform.ToWireName()}:{Value}";
}
