using NodaTime;

namespace SocialSla.Core.Webhooks;

/// <summary>Checks the Slack-style scheme (spec sheet §4): <c>X-Slack-Signature: v0=&lt;hex&gt;</c>, an HMAC-SHA256
/// of <c>v0:{timestamp}:{body}</c> under the signing secret, with the Unix-seconds timestamp in
/// <c>X-Slack-Request-Timestamp</c>.</summary>
/// <remarks>The timestamp must lie within the replay window (default <see cref="ReplayWindow.Default"/>, Slack's
/// 5 minutes) and is checked before the signature. Thread-safe.</remarks>
public static class SlackSignature
{
    /// <summary>The signature header, <c>X-Slack-Signature</c>.</summary>
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>The timestamp header, <c>X-Slack-Request-Timestamp</c>.</summary>
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    private const string Prefix = "v0=";

    /// <summary>Checks a delivery's signature against the configured secrets.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="header">Looks a request header up by name (case-insensitive matching is the host's job); null when absent.</param>
    /// <param name="secrets">The signing secret, and during a rotation the previous one; any match is valid.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="window">The replay window; <see langword="null"/> means <see cref="ReplayWindow.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> or <paramref name="secrets"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="secrets"/> is empty or holds an empty secret.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is negative.</exception>
    public static SignatureCheck Verify(ReadOnlySpan<byte> body, Func<string, string?> header, IReadOnlyList<string> secrets,
        Instant now, Duration? window = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        var keys = WebhookHmac.Utf8Keys(secrets, nameof(secrets));
        var tolerance = ReplayWindow.Resolve(window);

        var signature = header(SignatureHeader);
        var timestamp = header(TimestampHeader);
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp)) return SignatureCheck.Missing;
        var text = signature.AsSpan().Trim();
        if (!StandardWebhooksSignature.TryParseUnixSeconds(timestamp, out var signedAt)
            || !text.StartsWith(Prefix, StringComparison.Ordinal)
            || !WebhookHmac.TryDecodeHex(text[Prefix.Length..], out var candidate))
            return SignatureCheck.Malformed;
        if (!ReplayWindow.Contains(signedAt, now, tolerance)) return SignatureCheck.OutsideWindow;

        var prefix = WebhookHmac.Utf8($"v0:{timestamp.Trim()}:");
        return WebhookHmac.AnyMatches(keys, [candidate], prefix, body) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
