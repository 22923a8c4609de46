using System.Text.Json;
using SocialSla.Core.Kpis;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Storage;

/// <summary>The stored form of a <see cref="KpiAggregate"/>: every sum and count, the sketches' buckets and the alert
/// counters, as one JSON object (a SQLite row; a Table entity keeps the same names as properties).</summary>
public static class KpiAggregateJson
{
    /// <summary>Writes <paramref name="aggregate"/> as one JSON object; zero counters are left out.</summary>
    public static void Write(Utf8JsonWriter writer, KpiAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(aggregate);
        writer.WriteStartObject();
        Count(writer, "mentions", aggregate.Mentions);
        Count(writer, "customerMessages", aggregate.CustomerMessages);
        Count(writer, "actionable", aggregate.Actionable);
        Count(writer, "brandMessages", aggregate.BrandMessages);
        Count(writer, "noise", aggregate.Noise);
        Count(writer, "negativeMessages", aggregate.NegativeMessages);
        Count(writer, "neutralMessages", aggregate.NeutralMessages);
        Count(writer, "positiveMessages", aggregate.PositiveMessages);
        Count(writer, "casesOpened", aggregate.CasesOpened);
        Count(writer, "casesReopened", aggregate.CasesReopened);
        Count(writer, "casesResolved", aggregate.CasesResolved);
        Count(writer, "casesAnswered", aggregate.CasesAnswered);
        Count(writer, "firstReplyCount", aggregate.FirstReplyCount);
        Sum(writer, "firstReplySeconds", aggregate.FirstReplySeconds);
        Count(writer, "firstReplyWithin15m", aggregate.FirstReplyWithin15m);
        Count(writer, "firstReplyWithin1h", aggregate.FirstReplyWithin1h);
        Sketch(writer, "firstReplySketch", aggregate.FirstReplySketch);
        Count(writer, "responseCount", aggregate.ResponseCount);
        Sum(writer, "responseSeconds", aggregate.ResponseSeconds);
        Sketch(writer, "responseSketch", aggregate.ResponseSketch);
        Count(writer, "resolutionCount", aggregate.ResolutionCount);
        Sum(writer, "resolutionSeconds", aggregate.ResolutionSeconds);
        foreach (var clock in Enum.GetValues<ClockKind>())
        {
            foreach (var level in Enum.GetValues<ThresholdLevel>())
                Count(writer, AlertName(clock, level), aggregate.AlertCount(clock, level));
        }
        writer.WriteEndObject();
    }

    /// <summary>The stored form of <paramref name="aggregate"/> as UTF-8 bytes.</summary>
    public static byte[] ToUtf8(KpiAggregate aggregate)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, aggregate);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads an aggregate written by <see cref="Write"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a stored aggregate.</exception>
    public static KpiAggregate Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var aggregate = new KpiAggregate
            {
                Mentions = Long(root, "mentions"),
                CustomerMessages = Long(root, "customerMessages"),
                Actionable = Long(root, "actionable"),
                BrandMessages = Long(root, "brandMessages"),
                Noise = Long(root, "noise"),
                NegativeMessages = Long(root, "negativeMessages"),
                NeutralMessages = Long(root, "neutralMessages"),
                PositiveMessages = Long(root, "positiveMessages"),
                CasesOpened = Long(root, "casesOpened"),
                CasesReopened = Long(root, "casesReopened"),
                CasesResolved = Long(root, "casesResolved"),
                CasesAnswered = Long(root, "casesAnswered"),
                FirstReplyCount = Long(root, "firstReplyCount"),
                FirstReplySeconds = Double(root, "firstReplySeconds"),
                FirstReplyWithin15m = Long(root, "firstReplyWithin15m"),
                FirstReplyWithin1h = Long(root, "firstReplyWithin1h"),
                FirstReplySketch = ReadSketch(root, "firstReplySketch"),
                ResponseCount = Long(root, "responseCount"),
                ResponseSeconds = Double(root, "responseSeconds"),
                ResponseSketch = ReadSketch(root, "responseSketch"),
                ResolutionCount = Long(root, "resolutionCount"),
                ResolutionSeconds = Double(root, "resolutionSeconds"),
            };
            foreach (var clock in Enum.GetValues<ClockKind>())
            {
                foreach (var level in Enum.GetValues<ThresholdLevel>())
                    aggregate.AddAlerts(clock, level, Long(root, AlertName(clock, level)));
            }
            return aggregate;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"Not a stored KPI aggregate: {e.Message}", e);
        }
    }

    /// <summary>The property name of an alert counter, e.g. <c>alerts.firstReply.breached</c>.</summary>
    public static string AlertName(ClockKind clock, ThresholdLevel level) =>
        $"alerts.{Alerts.AlertId.ClockName(clock)}.{Alerts.AlertId.LevelName(level)}";

    private static void Count(Utf8JsonWriter writer, string name, long value)
    {
        if (value != 0) writer.WriteNumber(name, value);
    }

    private static void Sum(Utf8JsonWriter writer, string name, double value)
    {
        if (value != 0) writer.WriteNumber(name, value);
    }

    private static void Sketch(Utf8JsonWriter writer, string name, QuantileSketch? sketch)
    {
        if (sketch is null || sketch.IsEmpty) return;
        writer.WriteStartArray(name);
        foreach (var (index, count) in sketch.Buckets())
        {
            writer.WriteNumberValue(index);
            writer.WriteNumberValue(count);
        }
        writer.WriteEndArray();
    }

    private static long Long(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    private static double Double(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetDouble() : 0;

    private static QuantileSketch? ReadSketch(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array)) return null;
        var buckets = new List<KeyValuePair<int, long>>(array.GetArrayLength() / 2);
        using var items = array.EnumerateArray();
        while (items.MoveNext())
        {
            var index = items.Current.GetInt32();
            if (!items.MoveNext()) throw new FormatException($"{name} has an odd number of items.");
            buckets.Add(new(index, items.Current.GetInt64()));
        }
        return QuantileSketch.FromBuckets(buckets);
    }
}
