using System.Net.Http.Headers;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;
using SocialSla.Core.Webhooks;

namespace SocialSla.Functions.Triggers;

/// <summary>Delivers each alert from the <c>sla-alerts</c> subscription to the configured webhook sinks, signed the
/// Standard Webhooks way (Core's signer; webhook-id = the alert id, so receivers dedupe). A failed post throws, so
/// Service Bus redelivers the message (and dead-letters it after the subscription's max delivery count).</summary>
public sealed class DispatchAlert(AppSettings settings, IHttpClientFactory http, ILogger<DispatchAlert> log)
{
    [Function(nameof(DispatchAlert))]
    public async Task Run(
        [ServiceBusTrigger("%AlertsTopicName%", "%AlertsSubscriptionName%", Connection = "ServiceBusConnection")] ServiceBusReceivedMessage message)
    {
        var body = message.Body.ToArray();
        var client = http.CreateClient(nameof(DispatchAlert));
        foreach (var sink in settings.AlertWebhooks)
        {
            var now = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
            using var request = new HttpRequestMessage(HttpMethod.Post, sink.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("webhook-id", message.MessageId);
            request.Headers.Add("webhook-timestamp", StandardWebhooksSigner.Timestamp(now));
            request.Headers.Add("webhook-signature", StandardWebhooksSigner.Sign(message.MessageId, now, body, sink.Secret));
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
        Log.AlertDelivered(log, message.MessageId, settings.AlertWebhooks.Count);
    }
}
