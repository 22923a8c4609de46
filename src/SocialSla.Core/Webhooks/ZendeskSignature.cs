using NodaTime;
using NodaTime.Text;

namespace SocialSla.Core.Webhooks;

/// <summary>Checks the Zendesk-style scheme (spec sheet §4): <c>X-Zendesk-Webhook-Signature</c> = Base64 of an
/// HMAC-SHA256 of <c>{timestamp}{body}</c> (no separator) under the webhook's signing secret, with the timestamp as
/// sent in <c>X-Zendesk-Webhook-Signature-Timestamp</c> (ISO 8601, e.g. <c>2026-03-02T16:12:05Z</c>).</summary>
/// <remarks>The timestamp is signed as the exact header text and must lie within the replay window (default
/// <see cref="ReplayWindow.Default"/>); it is checked before the signature. The body may be empty. Thread-safe.</remarks>
public static class ZendeskSignature
{
    /// <summary>The signature header, <c>X-Zendesk-Webhook-Signature</c>.</summary>
    public const string SignatureHeader = "X-Zendesk-Webhook-Signature";

    /// <summary>The timestamp header, <c>X-Zendesk-Webhook-Signature-Timestamp</c>.</summary>
    public const string TimestampHeader = "X-Zendesk-Webhook-Signature-Timestamp";

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
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(timestamp.Trim());
        if (!parsed.Success || !WebhookHmac.TryDecodeBase64(signature.AsSpan().Trim(), out var candidate))
            return SignatureCheck.Malformed;
        if (!ReplayWindow.Contains(parsed.Value.ToInstant(), now, tolerance)) return SignatureCheck.OutsideWindow;

        return WebhookHmac.AnyMatches(keys, [candidate], WebhookHmac.Utf8(timestamp), body)
            ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
