using System.Net.Http.Headers;
using NodaTime;
using SocialSla.Core.Webhooks;

namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Posts each alert's JSON to a URL, signed the Standard Webhooks way (<c>webhook-id</c> = the alert id,
/// <c>webhook-timestamp</c>, <c>webhook-signature</c>) so the receiver can verify it and dedupe redeliveries.</summary>
internal sealed class WebhookAlertSink(string name, Uri url, string secret, HttpClient http, TimeProvider time) : IAlertSink
{
    public string Name => name;

    public Task<DeliveryResult> DeliverAsync(string alertId, ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken) =>
        PostAsync(alertId, alertJson, cancellationToken);

    /// <summary>Posts the storm message's JSON, signed like an alert, with its message id as <c>webhook-id</c>.</summary>
    public Task<DeliveryResult> DeliverStormAsync(string messageId, ReadOnlyMemory<byte> stormJson, CancellationToken cancellationToken) =>
        PostAsync(messageId, stormJson, cancellationToken);

    private async Task<DeliveryResult> PostAsync(string alertId, ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(alertJson) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("webhook-id", alertId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", StandardWebhooksSigner.Timestamp(now));
        request.Headers.TryAddWithoutValidation("webhook-signature", StandardWebhooksSigner.Sign(alertId, now, alertJson.Span, secret));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return HttpDelivery.ResultOf(response, time);
    }
}
