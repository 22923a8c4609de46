using System.Net.Http.Headers;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Spikes;

namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Posts each alert as a card to a chat or paging tool: Microsoft Teams (workflow webhook, Adaptive Card),
/// Slack (incoming webhook, Block Kit) or PagerDuty (Events API v2, trigger with one incident per case and clock).
/// Spike alerts (no case) get their own card from <paramref name="spikePayload"/>.</summary>
internal sealed class CardAlertSink(string name, Uri url, Func<AlertCard, byte[]> payload, Uri? board, HttpClient http, TimeProvider time,
    Func<SpikeAlert, byte[]>? spikePayload = null) : IAlertSink
{
    /// <summary>PagerDuty's Events API v2 endpoint.</summary>
    public static readonly Uri PagerDutyEvents = new("https://events.pagerduty.com/v2/enqueue");

    public string Name => name;

    public async Task<DeliveryResult> DeliverAsync(string alertId, ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken)
    {
        byte[] body;
        if (SpikeAlertId.IsSpikeAlertId(alertId))
        {
            if (spikePayload is null || !SpikeAlertJson.TryRead(alertJson.Span, out var spike)) return new DeliveryResult(false, "the stored spike alert is unreadable", Permanent: true);
            body = spikePayload(spike);
        }
        else
        {
            if (!SlaAlertJson.TryRead(alertJson.Span, out var alert)) return new DeliveryResult(false, "the stored alert is unreadable", Permanent: true);
            body = payload(AlertCard.From(alert, Instant.FromDateTimeOffset(time.GetUtcNow()), board));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return HttpDelivery.ResultOf(response, time);
    }
}
