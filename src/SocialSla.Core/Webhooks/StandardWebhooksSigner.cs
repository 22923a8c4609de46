using NodaTime;

namespace SocialSla.Core.Webhooks;

/// <summary>Signs outgoing deliveries with the Standard Webhooks scheme (the server's alert webhook, the demo traffic
/// generator), so receivers can check them with <see cref="StandardWebhooksSignature"/> or any Standard Webhooks
/// library.</summary>
/// <remarks>The caller sends three headers: <c>webhook-id</c> = the id, <c>webhook-timestamp</c> =
/// <see cref="Timestamp"/> of the instant, <c>webhook-signature</c> = the value <see cref="Sign"/> returns. Thread-safe.</remarks>
public static class StandardWebhooksSigner
{
    /// <summary>The <c>webhook-signature</c> header value, <c>v1,&lt;b64&gt;</c>, for one delivery.</summary>
    /// <param name="webhookId">The delivery's unique id (the same on every retry), also sent as <c>webhook-id</c>.</param>
    /// <param name="timestamp">When the delivery is sent (whole seconds are signed), also sent as <c>webhook-timestamp</c>.</param>
    /// <param name="body">The exact body bytes that will be sent.</param>
    /// <param name="secret">The secret, <c>whsec_</c> + Base64 (the prefix is optional).</param>
    /// <exception cref="ArgumentException"><paramref name="webhookId"/> is empty, or <paramref name="secret"/> is not Base64.</exception>
    public static string Sign(string webhookId, Instant timestamp, ReadOnlySpan<byte> body, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookId);
        var key = StandardWebhooksSignature.Keys([secret], nameof(secret))[0];
        var prefix = WebhookHmac.Utf8($"{webhookId}.{Timestamp(timestamp)}.");
        return "v1," + Convert.ToBase64String(WebhookHmac.Compute(key, prefix, body));
    }

    /// <summary>The <c>webhook-timestamp</c> header value: Unix seconds (sub-second parts are dropped).</summary>
    public static string Timestamp(Instant timestamp) =>
        timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
