namespace SocialSla.Core.Webhooks;

/// <summary>Checks the GitHub-style scheme (spec sheet §4): <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, an
/// HMAC-SHA256 of the raw body under the webhook secret.</summary>
/// <remarks>No timestamp is signed, so there is no replay window; replays are caught by storing the
/// <c>X-GitHub-Delivery</c> id (the host's job) and by deduplication. Thread-safe.</remarks>
public static class GitHubSignature
{
    /// <summary>The header name, <c>X-Hub-Signature-256</c>.</summary>
    public const string HeaderName = "X-Hub-Signature-256";

    /// <summary>Checks a delivery's signature against the configured secrets.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="header">Looks a request header up by name (case-insensitive matching is the host's job); null when absent.</param>
    /// <param name="secrets">The webhook secret, and during a rotation the previous one; any match is valid.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> or <paramref name="secrets"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="secrets"/> is empty or holds an empty secret.</exception>
    public static SignatureCheck Verify(ReadOnlySpan<byte> body, Func<string, string?> header, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(header);
        return MetaSignature.VerifyHexHeader(header(HeaderName), body, WebhookHmac.Utf8Keys(secrets, nameof(secrets)));
    }
}
