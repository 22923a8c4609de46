using System.Buffers;
using System.Text.Json;
using NodaTime.Text;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Alerts;

/// <summary>An alert as a PagerDuty Events API v2 event (<c>POST https://events.pagerduty.com/v2/enqueue</c>): one
/// incident per case and clock run (<c>dedup_key</c> = <c>case/clock.run</c>), so warning, at risk and breach of one
/// clock update the same incident, and acknowledging or resolving it uses the same key.</summary>
public static class PagerDutyEventPayload
{
    /// <summary>The incident key of an alert's case and clock run (at most 255 characters, as PagerDuty allows).</summary>
    public static string DedupKey(AlertId id)
    {
        var key = $"{id.Case.Value}/{AlertId.ClockName(id.Key.Clock)}.{id.Key.Sequence}";
        return key.Length <= 255 ? key : key[..255];
    }

    /// <summary>PagerDuty's severity for an alert: from the threshold, raised a step for high and urgent cases.</summary>
    public static string Severity(SlaAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var step = alert.Kind switch { AlertKind.Breached => 2, AlertKind.AtRisk or AlertKind.ReplyWindowClosing => 1, _ => 0 };
        if (alert.Priority >= Priority.High) step++;
        return step switch { 0 => "info", 1 => "warning", 2 => "error", _ => "critical" };
    }

    /// <summary>The event body, UTF-8 JSON.</summary>
    public static byte[] Build(AlertCard card, PagerDutyAction action, string routingKey)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(routingKey);
        var alert = card.Alert;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("routing_key", routingKey);
            json.WriteString("event_action", action switch { PagerDutyAction.Acknowledge => "acknowledge", PagerDutyAction.Resolve => "resolve", _ => "trigger" });
            json.WriteString("dedup_key", DedupKey(alert.Id));
            if (action == PagerDutyAction.Trigger)
            {
                json.WriteStartObject("payload");
                json.WriteString("summary", card.Title.Length <= 1024 ? card.Title : card.Title[..1024]);
                json.WriteString("source", alert.Account.ToString());
                json.WriteString("severity", Severity(alert));
                json.WriteString("timestamp", InstantPattern.ExtendedIso.Format(alert.RaisedAt));
                json.WriteString("component", alert.Case.Value);
                json.WriteString("group", alert.Account.ToString());
                json.WriteString("class", AlertId.ClockName(alert.Clock));
                json.WriteStartObject("custom_details");
                json.WriteString("alert", alert.Id.ToString());
                json.WriteString("level", AlertId.LevelName(alert.Id.Key.Level));
                json.WriteString("target", Sla.DurationText.Format(alert.Target));
                json.WriteString("elapsed", card.ElapsedText);
                json.WriteString("timeLeft", card.TimeLeft);
                json.WriteString("priority", card.PriorityText);
                if (alert.CustomerHandle is { } handle) json.WriteString("customer", "@" + handle);
                json.WriteString("excerpt", alert.Excerpt);
                json.WriteEndObject();
                json.WriteEndObject();
                var links = new List<(string Href, string Text)>();
                if (alert.Link is { } link) links.Add((link, "Open post"));
                if (card.CaseUrl is { } caseUrl) links.Add((caseUrl.ToString(), "Open case"));
                if (links.Count > 0)
                {
                    json.WriteStartArray("links");
                    foreach (var (href, text) in links)
                    {
                        json.WriteStartObject();
                        json.WriteString("href", href);
                        json.WriteString("text", text);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
