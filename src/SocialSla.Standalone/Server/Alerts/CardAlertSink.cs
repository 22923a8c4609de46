using System.Net.Http.Headers;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Alerts.Storms;
using SocialSla.Core.Spikes;

namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Posts each alert as a card to a chat or paging tool: Microsoft Teams (workflow webhook, Adaptive Card),
/// Slack (incoming webhook, Block Kit) or PagerDuty (Events API v2, trigger with one incident per case and clock);
/// a storm as one grouped card or incident; and, for PagerDuty, the incident's acknowledge and resolve events.
/// Spike alerts (no case) get their own card from <paramref name="spikePayload"/>.</summary>
internal sealed class CardAlertSink(string name, Uri url, Func<AlertCard, byte[]> payload, Func<StormIncident, byte[]> stormPayload, Uri? board, HttpClient http, TimeProvider time,
    Func<SpikeAlert, byte[]>? spikePayload = null, Func<string, PagerDutyAction, byte[]>? lifecyclePayload = null) : IAlertSink
{
    /// <summary>PagerDuty's Events API v2 endpoint.</summary>
    public static readonly Uri PagerDutyEvents = new("https://events.pagerduty.com/v2/enqueue");

    public string Name => name;

    public Task<DeliveryResult> DeliverAsync(string alertId, ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken)
    {
        if (SpikeAlertId.IsSpikeAlertId(alertId))
        {
            if (spikePayload is null || !SpikeAlertJson.TryRead(alertJson.Span, out var spike)) return Task.FromResult(new DeliveryResult(false, "the stored spike alert is unreadable", Permanent: true));
            return PostAsync(spikePayload(spike), cancellationToken);
        }
        if (!SlaAlertJson.TryRead(alertJson.Span, out var alert)) return Task.FromResult(new DeliveryResult(false, "the stored alert is unreadable", Permanent: true));
        return PostAsync(payload(AlertCard.From(alert, Instant.FromDateTimeOffset(time.GetUtcNow()), board)), cancellationToken);
    }

    public Task<DeliveryResult> DeliverStormAsync(string messageId, ReadOnlyMemory<byte> stormJson, CancellationToken cancellationToken)
    {
        if (!StormIncidentJson.TryRead(stormJson.Span, out var incident)) return Task.FromResult(new DeliveryResult(false, "the stored storm message is unreadable", Permanent: true));
        return PostAsync(stormPayload(incident), cancellationToken);
    }

    public Task<DeliveryResult> DeliverLifecycleAsync(string dedupKey, PagerDutyAction action, CancellationToken cancellationToken) =>
        lifecyclePayload is null ? Task.FromResult(DeliveryResult.Success) : PostAsync(lifecyclePayload(dedupKey, action), cancellationToken);

    private async Task<DeliveryResult> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return HttpDelivery.ResultOf(response, time);
    }
}
