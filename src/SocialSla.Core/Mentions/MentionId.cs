using System.Diagnostics.CodeAnalysis;

namespace SocialSla.Core.Mentions;

/// <summary>The identity of one message on one platform, written <c>platform:externalId</c> (e.g. <c>x:1789</c>).</summary>
/// <remarks>Equality is ordinal on the external id and exact on the platform. The default value is not valid.</remarks>
public readonly record struct MentionId
{
    /// <summary>Creates an id from a platform and the platform's own id of the message.</summary>
    /// <exception cref="ArgumentException"><paramref name="externalId"/> is empty or white space.</exception>
    public MentionId(Platform platform, string externalId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        Platform = platform;
        ExternalId = externalId;
        _hash = HashCode.Combine(platform, externalId.GetHashCode());
    }

    // Ids are hashed many times (dedupe, threading, partitioning) but made once: hash the text once.
    private readonly int _hash;

    /// <summary>The platform the message lives on.</summary>
    public Platform Platform { get; }

    /// <summary>The platform's id of the message (tweet id, comment id, message mid, …).</summary>
    public string ExternalId { get; }

    /// <summary>Parses <c>platform:externalId</c>.</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static MentionId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a mention id of the form platform:externalId.");

    /// <summary>Tries to parse <c>platform:externalId</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MentionId id)
    {
        id = default;
        if (text is null) return false;
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        if (!PlatformNames.TryParse(text.AsSpan(0, colon), out var platform)) return false;
        var external = text[(colon + 1)..];
        if (string.IsNullOrWhiteSpace(external)) return false;
        id = new MentionId(platform, external);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(MentionId other) =>
        Platform == other.Platform && _hash == other._hash && string.Equals(ExternalId, other.ExternalId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <inheritdoc/>
    public override string ToString() => $"{Platform.ToWireName()}:{ExternalId}";
}
