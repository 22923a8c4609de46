namespace SocialSla.Core.Webhooks;

/// <summary>Checks Meta's <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>: HMAC-SHA256 of the raw body under the App
/// Secret (spec sheet §1.3).</summary>
/// <remarks>
/// <para>Hash the bytes exactly as received; never parse and re-serialise first (Meta signs its escaped-Unicode form).
/// Hex digits are accepted in either case. Meta signs no timestamp, so there is no replay window: deduplication
/// catches replays.</para>
/// <para>Thread-safe and allocation-light; comparisons use <c>CryptographicOperations.FixedTimeEquals</c>.</para>
/// </remarks>
public static class MetaSignature
{
    /// <summary>The header name, <c>X-Hub-Signature-256</c>.</summary>
    public const string HeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    /// <summary>Checks a delivery's signature against the configured App Secrets.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="header">Looks a request header up by name (case-insensitive matching is the host's job); null when absent.</param>
    /// <param name="appSecrets">The App Secret, and during a rotation the previous one; any match is valid.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> or <paramref name="appSecrets"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="appSecrets"/> is empty or holds an empty secret.</exception>
    public static SignatureCheck Verify(ReadOnlySpan<byte> body, Func<string, string?> header, IReadOnlyList<string> appSecrets)
    {
        ArgumentNullException.ThrowIfNull(header);
        return VerifyHexHeader(header(HeaderName), body, WebhookHmac.Utf8Keys(appSecrets, nameof(appSecrets)));
    }

    /// <summary>The header value Meta would send for <paramref name="body"/>: <c>sha256=</c> and lowercase hex.</summary>
    /// <exception cref="ArgumentException"><paramref name="appSecret"/> is null or empty.</exception>
    public static string Compute(ReadOnlySpan<byte> body, string appSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        return Prefix + Convert.ToHexStringLower(WebhookHmac.Compute(WebhookHmac.Utf8(appSecret), body));
    }

    /// <summary>Checks <c>sha256=&lt;hex&gt;</c> of the body (Meta's and GitHub's shared format).</summary>
    internal static SignatureCheck VerifyHexHeader(string? value, ReadOnlySpan<byte> body, byte[][] keys)
    {
        if (string.IsNullOrWhiteSpace(value)) return SignatureCheck.Missing;
        var text = value.AsSpan().Trim();
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || !WebhookHmac.TryDecodeHex(text[Prefix.Length..], out var signature))
            return SignatureCheck.Malformed;
        return WebhookHmac.AnyMatches(keys, [signature], body) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
