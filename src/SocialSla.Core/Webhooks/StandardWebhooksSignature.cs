using NodaTime;

namespace SocialSla.Core.Webhooks;

/// <summary>Checks the Standard Webhooks scheme (Svix-style senders; the default for helpdesk forwarders, spec sheet
/// §4): <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature: v1,&lt;b64&gt;
/// [v1,&lt;b64&gt; …]</c>, each an HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.</summary>
/// <remarks>
/// <para>The key is the Base64-decoded secret after dropping an optional <c>whsec_</c> prefix. Entries of other
/// versions (e.g. <c>v1a</c>) are skipped; the check passes if any <c>v1</c> entry matches any secret. The timestamp
/// must lie within the replay window (default <see cref="ReplayWindow.Default"/>) and is checked before the
/// signature. Thread-safe.</para>
/// <para>Order of the outcomes: a header absent → <see cref="SignatureCheck.Missing"/>; a timestamp that is not an
/// integer, or no well-formed <c>v1</c> entry → <see cref="SignatureCheck.Malformed"/>; the timestamp outside the
/// window → <see cref="SignatureCheck.OutsideWindow"/>; else <see cref="SignatureCheck.Valid"/> or
/// <see cref="SignatureCheck.Mismatch"/>.</para>
/// </remarks>
public static class StandardWebhooksSignature
{
    /// <summary>The header holding the message id, <c>webhook-id</c>.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header holding the Unix time in seconds, <c>webhook-timestamp</c>.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header holding the space-separated signatures, <c>webhook-signature</c>.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The optional prefix of Standard Webhooks secrets, <c>whsec_</c>.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>Checks a delivery's signature against the configured secrets.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="header">Looks a request header up by name (case-insensitive matching is the host's job); null when absent.</param>
    /// <param name="secrets">The secret (<c>whsec_</c> + Base64), and during a rotation the previous one; any match is valid.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="window">The replay window; <see langword="null"/> means <see cref="ReplayWindow.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> or <paramref name="secrets"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="secrets"/> is empty or holds a secret that is not Base64.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is negative.</exception>
    public static SignatureCheck Verify(ReadOnlySpan<byte> body, Func<string, string?> header, IReadOnlyList<string> secrets,
        Instant now, Duration? window = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        var keys = Keys(secrets, nameof(secrets));
        var tolerance = ReplayWindow.Resolve(window);

        var id = header(IdHeader);
        var timestamp = header(TimestampHeader);
        var signatures = header(SignatureHeader);
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrWhiteSpace(signatures))
            return SignatureCheck.Missing;
        if (!TryParseUnixSeconds(timestamp, out var signedAt)) return SignatureCheck.Malformed;
        var candidates = new List<byte[]>(1);
        foreach (var range in signatures.AsSpan().Split(' '))
        {
            var entry = signatures.AsSpan()[range];
            if (!entry.StartsWith("v1,", StringComparison.Ordinal)) continue;
            if (!WebhookHmac.TryDecodeBase64(entry[3..], out var candidate)) return SignatureCheck.Malformed;
            candidates.Add(candidate);
        }
        if (candidates.Count == 0) return SignatureCheck.Malformed;
        if (!ReplayWindow.Contains(signedAt, now, tolerance)) return SignatureCheck.OutsideWindow;

        var prefix = WebhookHmac.Utf8($"{id}.{timestamp.Trim()}.");
        return WebhookHmac.AnyMatches(keys, candidates, prefix, body) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>Whether <paramref name="secret"/> is a usable Standard Webhooks secret (optional <c>whsec_</c>, then
    /// non-empty Base64); hosts call this at startup.</summary>
    public static bool IsValidSecret(string? secret) => TryDecodeSecret(secret, out _);

    /// <summary>The HMAC key of each secret.</summary>
    /// <exception cref="ArgumentException">The list is empty or a secret is not Base64.</exception>
    internal static byte[][] Keys(IReadOnlyList<string> secrets, string paramName)
    {
        WebhookHmac.ValidateList(secrets, paramName);
        var keys = new byte[secrets.Count][];
        for (var i = 0; i < keys.Length; i++)
        {
            if (!TryDecodeSecret(secrets[i], out keys[i]))
                throw new ArgumentException($"Secret {i} of {secrets.Count} is not '{SecretPrefix}' followed by Base64.", paramName);
        }
        return keys;
    }

    private static bool TryDecodeSecret(string? secret, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(secret)) return false;
        var text = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written == 0) return false;
        key = buffer[..written];
        return true;
    }

    /// <summary>Parses a Unix time in whole seconds (digits only, optionally surrounded by white space).</summary>
    internal static bool TryParseUnixSeconds(string text, out Instant instant)
    {
        instant = default;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty || span.Length > 12 || span.ContainsAnyExceptInRange('0', '9')) return false;
        instant = Instant.FromUnixTimeSeconds(long.Parse(span, System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}
