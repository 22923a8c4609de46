using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Alerts;

/// <summary>An alert as the JSON object every host and sink shares: the alert API, the JSONL sink, the signed
/// webhook's body and the Service Bus message. Receivers dedupe on <c>id</c>.</summary>
/// <remarks>
/// <code>
/// {"id":"x:ContosoCoffee:1897/firstReply.0/breached","kind":"breached","case":"x:ContosoCoffee:1897",
///  "account":"x:ContosoCoffee","clock":"firstReply","level":"breached","target":"15m","targetSeconds":900,
///  "thresholdAt":"2026-11-22T10:15:00Z","dueAt":"2026-11-22T10:15:00Z","raisedAt":"2026-11-22T10:15:00.2Z",
///  "elapsedSeconds":900.2,"priority":"normal","customerHandle":"alice","link":"https://x.com/alice/status/1897",
///  "excerpt":"my order is late"}
/// </code>
/// </remarks>
public static class SlaAlertJson
{
    /// <summary>Writes the alert as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, SlaAlert alert)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(alert);
        writer.WriteStartObject();
        writer.WriteString("id", alert.Id.ToString());
        writer.WriteString("kind", KindName(alert.Kind));
        writer.WriteString("case", alert.Case.Value);
        writer.WriteString("account", alert.Account.ToString());
        writer.WriteString("clock", AlertId.ClockName(alert.Clock));
        writer.WriteNumber("sequence", alert.Id.Key.Sequence);
        writer.WriteString("level", AlertId.LevelName(alert.Id.Key.Level));
        writer.WriteString("target", DurationText.Format(alert.Target));
        writer.WriteNumber("targetSeconds", alert.Target.TotalSeconds);
        writer.WriteString("thresholdAt", Format(alert.ThresholdAt));
        writer.WriteString("dueAt", Format(alert.DueAt));
        writer.WriteString("raisedAt", Format(alert.RaisedAt));
        writer.WriteNumber("elapsedSeconds", Math.Round(alert.Elapsed.TotalSeconds, 3));
        writer.WriteString("priority", alert.Priority.ToString().ToLowerInvariant());
        if (alert.CustomerHandle is { } handle) writer.WriteString("customerHandle", handle);
        if (alert.Link is { } link) writer.WriteString("link", link);
        writer.WriteString("excerpt", alert.Excerpt);
        writer.WriteEndObject();
    }

    /// <summary>The alert as UTF-8 JSON.</summary>
    public static byte[] ToUtf8(SlaAlert alert)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, alert);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The wire name of an alert kind.</summary>
    public static string KindName(AlertKind kind) => kind switch
    {
        AlertKind.Warning => "warning",
        AlertKind.AtRisk => "atRisk",
        AlertKind.Breached => "breached",
        AlertKind.ReplyWindowClosing => "replyWindowClosing",
        AlertKind.VolumeSpike => "volumeSpike",
        AlertKind.NegativeSurge => "negativeSurge",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined alert kind."),
    };

    /// <summary>Reads an alert written by <see cref="Write"/> (what sinks get from the outbox).</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SlaAlert? alert)
    {
        alert = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (!AlertId.TryParse(root.GetProperty("id").GetString(), out var id)) return false;
            if (!PlatformAccountId.TryParse(root.GetProperty("account").GetString(), out var account)) return false;
            if (!Enum.TryParse<Priority>(root.GetProperty("priority").GetString(), ignoreCase: true, out var priority)) return false;
            alert = new SlaAlert
            {
                Id = id,
                Kind = SlaAlert.KindOf(id.Key.Level),
                Account = account,
                Target = Duration.FromSeconds(root.GetProperty("targetSeconds").GetDouble()),
                ThresholdAt = ParseInstant(root, "thresholdAt"),
                DueAt = ParseInstant(root, "dueAt"),
                RaisedAt = ParseInstant(root, "raisedAt"),
                Elapsed = Duration.FromSeconds(root.GetProperty("elapsedSeconds").GetDouble()),
                Priority = priority,
                CustomerHandle = root.TryGetProperty("customerHandle", out var handle) ? handle.GetString() : null,
                Link = root.TryGetProperty("link", out var link) ? link.GetString() : null,
                Excerpt = root.TryGetProperty("excerpt", out var excerpt) ? excerpt.GetString() ?? "" : "",
            };
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or UnparsableValueException)
        {
            return false;
        }
    }

    private static Instant ParseInstant(JsonElement root, string name) => InstantPattern.ExtendedIso.Parse(root.GetProperty(name).GetString()!).GetValueOrThrow();

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
