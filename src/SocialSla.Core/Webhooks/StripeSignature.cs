using NodaTime;

namespace SocialSla.Core.Webhooks;

/// <summary>Checks the Stripe-style scheme (spec sheet §4): <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]</c>,
/// each <c>v1</c> an HMAC-SHA256 (lowercase hex) of <c>{t}.{body}</c> under the whole signing secret's UTF-8 bytes.</summary>
/// <remarks>Only <c>v1</c> entries count; several may appear during the sender's own rotation, and the check passes
/// if any matches any configured secret. <c>t</c> must lie within the replay window (default
/// <see cref="ReplayWindow.Default"/>, Stripe's 300 s) and is checked before the signature. Thread-safe.</remarks>
public static class StripeSignature
{
    /// <summary>The header name, <c>Stripe-Signature</c>.</summary>
    public const string HeaderName = "Stripe-Signature";

    /// <summary>Checks a delivery's signature against the configured secrets.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="header">Looks a request header up by name (case-insensitive matching is the host's job); null when absent.</param>
    /// <param name="secrets">The endpoint's signing secret (<c>whsec_…</c>, used as is), and during a rotation the previous one.</param>
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

        var value = header(HeaderName);
        if (string.IsNullOrWhiteSpace(value)) return SignatureCheck.Missing;
        string? timestamp = null;
        var candidates = new List<byte[]>(1);
        var text = value.AsSpan();
        foreach (var range in text.Split(','))
        {
            var item = text[range].Trim();
            var equals = item.IndexOf('=');
            if (equals <= 0) return SignatureCheck.Malformed;
            var key = item[..equals];
            var itemValue = item[(equals + 1)..];
            if (key.SequenceEqual("t"))
            {
                if (timestamp is not null) return SignatureCheck.Malformed;
                timestamp = itemValue.ToString();
            }
            else if (key.SequenceEqual("v1"))
            {
                if (!WebhookHmac.TryDecodeHex(itemValue, out var candidate)) return SignatureCheck.Malformed;
                candidates.Add(candidate);
            }
        }
        if (timestamp is null || candidates.Count == 0
            || !StandardWebhooksSignature.TryParseUnixSeconds(timestamp, out var signedAt))
            return SignatureCheck.Malformed;
        if (!ReplayWindow.Contains(signedAt, now, tolerance)) return SignatureCheck.OutsideWindow;

        return WebhookHmac.AnyMatches(keys, candidates, WebhookHmac.Utf8(timestamp + "."), body)
            ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
