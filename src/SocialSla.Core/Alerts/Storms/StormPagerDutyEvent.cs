using System.Buffers;
using System.Text.Json;
using NodaTime.Text;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>A storm message as a PagerDuty Events API v2 <c>trigger</c> with one <c>dedup_key</c> per group: the
/// opening, every rolling update and the final count fold into the same incident instead of one page per case.</summary>
/// <remarks>The close is a trigger too (the final count): the storm being over says nothing about the cases being
/// handled, so the incident stays for on-call to resolve.</remarks>
public static class StormPagerDutyEvent
{
    /// <summary>The incident key of a group (at most 255 characters, as PagerDuty allows).</summary>
    public static string DedupKey(StormIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.GroupId.Length <= 255 ? incident.GroupId : incident.GroupId[..255];
    }

    /// <summary>PagerDuty's severity for a storm: a step above what one alert of its level would page with.</summary>
    public static string Severity(AlertKind level) => level switch
    {
        AlertKind.Breached => "critical",
        AlertKind.AtRisk or AlertKind.ReplyWindowClosing => "error",
        _ => "warning",
    };

    /// <summary>The event body, UTF-8 JSON.</summary>
    /// <param name="incident">The storm message.</param>
    /// <param name="routingKey">The service integration's routing key.</param>
    /// <param name="board">The server's public base URL, for a link; none without it.</param>
    public static byte[] Build(StormIncident incident, string routingKey, Uri? board)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentException.ThrowIfNullOrWhiteSpace(routingKey);
        var buffer = new ArrayBufferWriter<byte>(2048 + 40 * incident.Cases.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("routing_key", routingKey);
            json.WriteString("event_action", "trigger");
            json.WriteString("dedup_key", DedupKey(incident));
            json.WriteStartObject("payload");
            json.WriteString("summary", incident.Title);
            json.WriteString("source", incident.Account.ToString());
            json.WriteString("severity", Severity(incident.Level));
            json.WriteString("timestamp", InstantPattern.ExtendedIso.Format(incident.At));
            json.WriteString("group", incident.Account.ToString());
            json.WriteString("class", "storm");
            json.WriteStartObject("custom_details");
            json.WriteString("event", incident.EventName);
            json.WriteString("level", SlaAlertJson.KindName(incident.Level));
            json.WriteNumber("count", incident.Count);
            json.WriteString("since", InstantPattern.ExtendedIso.Format(incident.StartedAt));
            json.WriteStartArray("cases");
            foreach (var @case in incident.Cases) json.WriteStringValue(@case.Value);
            json.WriteEndArray();
            json.WriteNumber("unlisted", incident.Unlisted);
            json.WriteEndObject();
            json.WriteEndObject();
            if (board is not null)
            {
                json.WriteStartArray("links");
                json.WriteStartObject();
                json.WriteString("href", board.ToString());
                json.WriteString("text", "Open board");
                json.WriteEndObject();
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
