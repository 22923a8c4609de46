using System.Buffers;
using System.Globalization;
using System.Text.Json;
using NodaTime.Text;
using SocialSla.Core.Alerts;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Spikes;

/// <summary>A spike alert as each chat and paging tool takes it: a Teams Adaptive Card (schema
/// <see cref="TeamsCardPayload.SchemaVersion"/>), a Slack Block Kit message, a PagerDuty Events API v2 event (trigger
/// when the spike starts, resolve when it ends, one <c>dedup_key</c> per spike: <see cref="SpikeAlertId.IncidentKey"/>).</summary>
/// <remarks>Every card states the account, the channel, the baseline against the current rate, the negative share, and
/// when the spike started (and ended).</remarks>
public static class SpikeAlertPayloads
{
    /// <summary>One line for people, e.g. "Volume spike on x:ContosoCoffee (mention): 47.5/min, usually 9.8/min".</summary>
    public static string Title(SpikeAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var what = alert.Spike == SpikeKind.Volume ? "Volume spike" : "Negative sentiment surge";
        var prefix = alert.Phase == SpikePhase.Resolved ? "Resolved: " : "";
        var measure = alert.Spike == SpikeKind.Volume
            ? $"{Rate(alert.CurrentPerMinute)}, usually {(alert.BaselinePerMinute is { } b ? Rate(b) : "unknown")}"
            : $"{Share(alert.CurrentNegativeShare)} negative, usually {Share(alert.BaselineNegativeShare)}";
        return $"{prefix}{what} on {alert.Account} ({alert.Channel.ToWireName()}): {measure}";
    }

    /// <summary>The facts every card lists, in order.</summary>
    public static IReadOnlyList<(string Title, string Value)> Facts(SpikeAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var facts = new List<(string, string)>
        {
            ("Account", alert.Account.ToString()),
            ("Channel", alert.Channel.ToWireName()),
            ("Baseline", alert.BaselinePerMinute is { } b ? Rate(b) : "learning"),
            ("Current", Rate(alert.CurrentPerMinute)),
            ("Negative share", $"{Share(alert.CurrentNegativeShare)} (usually {Share(alert.BaselineNegativeShare)})"),
            ("Started", InstantPattern.General.Format(alert.StartedAt)),
        };
        if (alert.ResolvedAt is { } resolved) facts.Add(("Resolved", InstantPattern.General.Format(resolved)));
        return facts;
    }

    /// <summary>The Teams workflow message, UTF-8 JSON (the same envelope as <see cref="TeamsCardPayload"/>).</summary>
    public static byte[] Teams(SpikeAlert alert, Uri? board)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return AdaptiveCardWriter.Message(
            json =>
            {
                AdaptiveCardWriter.TextBlock(json, Title(alert), "Bolder", "Medium", alert.Phase == SpikePhase.Started ? "Attention" : "Good");
                AdaptiveCardWriter.FactSet(json, Facts(alert));
            },
            json => AdaptiveCardWriter.OpenUrl(json, "Open board", board?.ToString()));
    }

    /// <summary>The Slack incoming-webhook message, UTF-8 JSON: a <c>text</c> fallback, a header and a section of fields.</summary>
    public static byte[] Slack(SpikeAlert alert, Uri? board)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var title = Title(alert);
        return SlackBlocksWriter.Message(title, json =>
        {
            SlackBlocksWriter.Header(json, title);
            SlackBlocksWriter.Fields(json, Facts(alert));
            SlackBlocksWriter.Buttons(json, board is null ? [] : [("Open board", board.ToString())]);
        });
    }

    /// <summary>The PagerDuty Events API v2 event, UTF-8 JSON: <c>trigger</c> (severity <c>warning</c>, <c>error</c> for a
    /// negative surge) when the spike starts, <c>resolve</c> when it ends, both with the spike's incident key.</summary>
    public static byte[] PagerDuty(SpikeAlert alert, string routingKey)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrWhiteSpace(routingKey);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("routing_key", routingKey);
            json.WriteString("event_action", alert.Phase == SpikePhase.Started ? "trigger" : "resolve");
            json.WriteString("dedup_key", alert.Id.IncidentKey.Length <= 255 ? alert.Id.IncidentKey : alert.Id.IncidentKey[..255]);
            if (alert.Phase == SpikePhase.Started)
            {
                var title = Title(alert);
                json.WriteStartObject("payload");
                json.WriteString("summary", title.Length <= 1024 ? title : title[..1024]);
                json.WriteString("source", alert.Account.ToString());
                json.WriteString("severity", alert.Spike == SpikeKind.NegativeShare ? "error" : "warning");
                json.WriteString("timestamp", InstantPattern.ExtendedIso.Format(alert.RaisedAt));
                json.WriteString("component", alert.Channel.ToWireName());
                json.WriteString("group", alert.Account.ToString());
                json.WriteString("class", SlaAlertJson.KindName(alert.Kind));
                json.WriteStartObject("custom_details");
                json.WriteString("alert", alert.Id.ToString());
                foreach (var (name, value) in Facts(alert)) json.WriteString(name, value);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        });
    }

    private static string Rate(double perMinute) => string.Create(CultureInfo.InvariantCulture, $"{perMinute:0.0}/min");

    private static string Share(double? share) => share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:0}%") : "unknown";

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return buffer.WrittenSpan.ToArray();
    }
}
