using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Alerts;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Spikes;

/// <summary>A spike alert as the JSON object the alert API, the JSONL sink and the signed webhook carry (the chat and
/// paging sinks build their own cards from it). Receivers dedupe on <c>id</c>.</summary>
/// <remarks>
/// <code>
/// {"id":"spike/x:ContosoCoffee/mention/volume/2026-11-25T14:01:00Z/started","kind":"volumeSpike","status":"started",
///  "account":"x:ContosoCoffee","channel":"mention","spike":"volume","startedAt":"2026-11-25T14:01:00Z",
///  "raisedAt":"2026-11-25T14:01:00Z","baselinePerMinute":9.8,"currentPerMinute":47.5,"baselineNegativeShare":0.2,
///  "currentNegativeShare":0.21,"windowCount":95,"expected":19.6}
/// </code>
/// A resolved alert says <c>"status":"resolved"</c> and has <c>resolvedAt</c>. Fields without a value are left out.
/// </remarks>
public static class SpikeAlertJson
{
    /// <summary>Writes the alert as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, SpikeAlert alert)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(alert);
        writer.WriteStartObject();
        writer.WriteString("id", alert.Id.ToString());
        writer.WriteString("kind", SlaAlertJson.KindName(alert.Kind));
        writer.WriteString("status", SpikeAlertId.PhaseName(alert.Phase));
        writer.WriteString("account", alert.Account.ToString());
        writer.WriteString("channel", alert.Channel.ToWireName());
        writer.WriteString("spike", SpikeAlertId.KindName(alert.Spike));
        writer.WriteString("startedAt", Format(alert.StartedAt));
        if (alert.ResolvedAt is { } resolved) writer.WriteString("resolvedAt", Format(resolved));
        writer.WriteString("raisedAt", Format(alert.RaisedAt));
        if (alert.BaselinePerMinute is { } baseline) writer.WriteNumber("baselinePerMinute", Math.Round(baseline, 3));
        writer.WriteNumber("currentPerMinute", Math.Round(alert.CurrentPerMinute, 3));
        if (alert.BaselineNegativeShare is { } usual) writer.WriteNumber("baselineNegativeShare", Math.Round(usual, 4));
        if (alert.CurrentNegativeShare is { } share) writer.WriteNumber("currentNegativeShare", Math.Round(share, 4));
        writer.WriteNumber("windowCount", alert.WindowCount);
        writer.WriteNumber("expected", Math.Round(alert.Expected, 3));
        writer.WriteEndObject();
    }

    /// <summary>The alert as UTF-8 JSON.</summary>
    public static byte[] ToUtf8(SpikeAlert alert)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, alert);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads an alert written by <see cref="Write"/>; <see langword="false"/> for anything else (a case's alert,
    /// damaged JSON).</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SpikeAlert? alert)
    {
        alert = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var idText)) return false;
            if (!SpikeAlertId.TryParse(idText.GetString(), out var id)) return false;
            alert = new SpikeAlert
            {
                Id = id,
                ResolvedAt = root.TryGetProperty("resolvedAt", out _) ? ParseInstant(root, "resolvedAt") : null,
                RaisedAt = ParseInstant(root, "raisedAt"),
                BaselinePerMinute = Optional(root, "baselinePerMinute"),
                CurrentPerMinute = root.GetProperty("currentPerMinute").GetDouble(),
                BaselineNegativeShare = Optional(root, "baselineNegativeShare"),
                CurrentNegativeShare = Optional(root, "currentNegativeShare"),
                WindowCount = root.GetProperty("windowCount").GetInt64(),
                Expected = root.GetProperty("expected").GetDouble(),
            };
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or UnparsableValueException)
        {
            return false;
        }
    }

    private static double? Optional(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetDouble() : null;

    private static Instant ParseInstant(JsonElement root, string name) => InstantPattern.ExtendedIso.Parse(root.GetProperty(name).GetString()!).GetValueOrThrow();

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
