using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SocialSla.Core.Webhooks;

/// <summary>X's (Twitter's) webhook security (spec sheet §2.1–2.2): the <c>x-twitter-webhooks-signature:
/// sha256=&lt;base64&gt;</c> header on POSTs, and the CRC answer to <c>GET ?crc_token=…</c>.</summary>
/// <remarks>Both use HMAC-SHA256 under the app's <b>consumer secret</b> (API secret key), not a bearer token. X signs
/// no timestamp, so there is no replay window: deduplication catches replays. Thread-safe; comparisons use
/// <c>CryptographicOperations.FixedTimeEquals</c>.</remarks>
public static class XSignature
{
    /// <summary>The header name, <c>x-twitter-webhooks-signature</c>.</summary>
    public const string HeaderName = "x-twitter-webhooks-signature";

    /// <summary>The query parameter of the CRC request, <c>crc_token</c>.</summary>
    public const string CrcTokenParameter = "crc_token";

    private const string Prefix = "sha256=";

    /// <summary>Checks a delivery's signature against the configured consumer secrets.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="header">Looks a request header up by name (case-insensitive matching is the host's job); null when absent.</param>
    /// <param name="consumerSecrets">The consumer secret, and during a rotation the previous one; any match is valid.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> or <paramref name="consumerSecrets"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="consumerSecrets"/> is empty or holds an empty secret.</exception>
    public static SignatureCheck Verify(ReadOnlySpan<byte> body, Func<string, string?> header, IReadOnlyList<string> consumerSecrets)
    {
        ArgumentNullException.ThrowIfNull(header);
        var keys = WebhookHmac.Utf8Keys(consumerSecrets, nameof(consumerSecrets));
        var value = header(HeaderName);
        if (string.IsNullOrWhiteSpace(value)) return SignatureCheck.Missing;
        var text = value.AsSpan().Trim();
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || !WebhookHmac.TryDecodeBase64(text[Prefix.Length..], out var signature))
            return SignatureCheck.Malformed;
        return WebhookHmac.AnyMatches(keys, [signature], body) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The header value X would send for <paramref name="body"/>: <c>sha256=</c> and standard Base64.</summary>
    /// <exception cref="ArgumentException"><paramref name="consumerSecret"/> is null or empty.</exception>
    public static string Compute(ReadOnlySpan<byte> body, string consumerSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerSecret);
        return Prefix + Convert.ToBase64String(WebhookHmac.Compute(WebhookHmac.Utf8(consumerSecret), body));
    }

    /// <summary>The CRC <c>response_token</c>: <c>sha256=</c> + Base64(HMAC-SHA256(consumer secret, crc_token)).</summary>
    /// <remarks>The host answers 200 with <c>{"response_token":"…"}</c> as <c>application/json</c>. The current
    /// consumer secret answers; X knows only one at a time.</remarks>
    /// <exception cref="ArgumentException"><paramref name="consumerSecret"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="crcToken"/> is null.</exception>
    public static string CrcResponseToken(string consumerSecret, string crcToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerSecret);
        ArgumentNullException.ThrowIfNull(crcToken);
        return Prefix + Convert.ToBase64String(WebhookHmac.Compute(WebhookHmac.Utf8(consumerSecret), Encoding.UTF8.GetBytes(crcToken)));
    }

    /// <summary>Answers a CRC request from its query parameters.</summary>
    /// <param name="query">Looks a query parameter up by its exact name; null when absent.</param>
    /// <param name="consumerSecret">The app's current consumer secret.</param>
    /// <param name="responseToken">The <c>response_token</c> to answer with, when the request carries a <c>crc_token</c>.</param>
    /// <returns><see langword="false"/> when <c>crc_token</c> is absent or empty (answer 400).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="consumerSecret"/> is null or empty.</exception>
    public static bool TryAnswerCrc(Func<string, string?> query, string consumerSecret, [NotNullWhen(true)] out string? responseToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(consumerSecret);
        var token = query(CrcTokenParameter);
        responseToken = string.IsNullOrEmpty(token) ? null : CrcResponseToken(consumerSecret, token);
        return responseToken is not null;
    }
}
