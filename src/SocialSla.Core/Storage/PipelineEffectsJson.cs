using System.Text;
using System.Text.Json;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Storage;

/// <summary>The stored form of <see cref="PipelineEffects"/>: an outbox entry written with the state change that
/// produced it, so effects survive a crash between the commit and their execution.</summary>
/// <remarks>
/// <code>{"v":1,"kpis":[{"pk":"…","rk":"…","delta":{…KpiAggregateJson…}}],"alerts":[{…SlaAlertJson…}],
///  "clocks":[{"case":"…","wakeAt":nanos|null,"closed":false}]}</code>
/// KPI keys are stored as their entity keys (<see cref="KpiTableEntity.AddressOf"/>), instants as Unix nanoseconds.
/// </remarks>
public static class PipelineEffectsJson
{
    private const int Version = 1;

    /// <summary>The effects as UTF-8 JSON.</summary>
    public static byte[] ToUtf8(PipelineEffects effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteStartArray("kpis");
            foreach (var (key, delta) in effects.Kpis)
            {
                var address = KpiTableEntity.AddressOf(key);
                writer.WriteStartObject();
                writer.WriteString("pk", address.PartitionKey);
                writer.WriteString("rk", address.RowKey);
                writer.WritePropertyName("delta");
                KpiAggregateJson.Write(writer, delta);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("alerts");
            foreach (var alert in effects.Alerts) SlaAlertJson.Write(writer, alert);
            writer.WriteEndArray();
            writer.WriteStartArray("clocks");
            foreach (var clock in effects.Clocks)
            {
                writer.WriteStartObject();
                writer.WriteString("case", clock.Case.Value);
                if (clock.WakeAt is { } at) writer.WriteNumber("wakeAt", InstantNanos.ToNanos(at));
                else writer.WriteNull("wakeAt");
                writer.WriteBoolean("closed", clock.Closed);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The effects as a JSON string (what an outbox entity stores).</summary>
    public static string ToJson(PipelineEffects effects) => Encoding.UTF8.GetString(ToUtf8(effects));

    /// <summary>Reads effects written by <see cref="ToUtf8"/>.</summary>
    /// <exception cref="FormatException">The text is not stored effects.</exception>
    public static PipelineEffects Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != Version) throw new FormatException("Unknown pipeline effects version.");
            var kpis = new List<KeyValuePair<KpiKey, KpiAggregate>>();
            foreach (var kpi in root.GetProperty("kpis").EnumerateArray())
            {
                var key = KpiTableEntity.KeyOf(kpi.GetProperty("pk").GetString()!, kpi.GetProperty("rk").GetString()!);
                kpis.Add(new(key, KpiAggregateJson.Read(Encoding.UTF8.GetBytes(kpi.GetProperty("delta").GetRawText()))));
            }
            var alerts = new List<SlaAlert>();
            foreach (var alert in root.GetProperty("alerts").EnumerateArray())
            {
                if (!SlaAlertJson.TryRead(Encoding.UTF8.GetBytes(alert.GetRawText()), out var read)) throw new FormatException("An outbox alert does not read back.");
                alerts.Add(read);
            }
            var clocks = new List<CaseClockUpdate>();
            foreach (var clock in root.GetProperty("clocks").EnumerateArray())
            {
                var wake = clock.GetProperty("wakeAt");
                clocks.Add(new CaseClockUpdate(
                    new CaseId(clock.GetProperty("case").GetString()!),
                    wake.ValueKind == JsonValueKind.Null ? null : InstantNanos.FromNanos(wake.GetInt64()),
                    clock.GetProperty("closed").GetBoolean()));
            }
            return new PipelineEffects(kpis, alerts, clocks);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"Not stored pipeline effects: {e.Message}", e);
        }
    }
}
