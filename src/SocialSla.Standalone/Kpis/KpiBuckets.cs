using System.Text.Json;
using NodaTime;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;

namespace SocialSla.Standalone.Kpis;

/// <summary>Hourly KPI aggregates merged into a total and into buckets per UTC day or hour (and per value of one
/// dimension: channel, priority, account, routing queue or tag): the body of <c>GET /api/kpis</c>, its CSV, and the
/// data of <c>socialsla report</c>.</summary>
/// <remarks>By <c>queue</c>, values without a queue (no triage, brand messages) are under <c>""</c>. By <c>tag</c>, a case
/// (and a message) with several tags counts under each, so the buckets of one period may add up to more than the total;
/// untagged values are under <c>""</c>.</remarks>
/// <remarks>Not thread-safe. Aggregates added are merged, never kept, so the caller may reuse them.</remarks>
internal sealed class KpiBuckets(bool byDay, string? dimension)
{
    /// <summary>The dimensions a bucket may be split by.</summary>
    public static readonly string[] Dimensions = ["channel", "priority", "account", "queue", "tag"];

    /// <summary>Whether buckets are days (else hours).</summary>
    public bool ByDay { get; } = byDay;

    /// <summary>The dimension buckets are split by, if any.</summary>
    public string? Dimension { get; } = dimension;

    /// <summary>Everything added, merged.</summary>
    public KpiAggregate Total { get; } = new();

    /// <summary>The buckets by (start hour since the Unix epoch, dimension value or empty), in order.</summary>
    public SortedDictionary<(long StartHour, string Key), KpiAggregate> Buckets { get; } = new();

    /// <summary>Adds the aggregate of one (account, channel, priority, queue, tag set, hour since the Unix epoch);
    /// <paramref name="queue"/> and <paramref name="tags"/> are empty when there are none.</summary>
    public void Add(string account, Channel channel, Priority priority, string queue, string tags, long hour, KpiAggregate aggregate)
    {
        Total.Merge(aggregate);
        var start = ByDay ? hour - (((hour % 24) + 24) % 24) : hour;
        if (Dimension == "tag")
        {
            var each = KpiKey.TagsOf(tags);
            if (each.Length == 0) Merge(start, "", aggregate);
            foreach (var tag in each) Merge(start, tag, aggregate);
            return;
        }
        var key = Dimension switch
        {
            "channel" => channel.ToWireName(),
            "priority" => priority.ToString().ToLowerInvariant(),
            "account" => account,
            "queue" => queue,
            _ => "",
        };
        Merge(start, key, aggregate);
    }

    private void Merge(long start, string key, KpiAggregate aggregate)
    {
        if (!Buckets.TryGetValue((start, key), out var bucket)) Buckets[(start, key)] = bucket = new KpiAggregate();
        bucket.Merge(aggregate);
    }

    /// <summary>The start of a bucket.</summary>
    public static Instant StartOf(long startHour) => NodaConstants.UnixEpoch + Duration.FromHours(startHour);

    /// <summary>Writes the whole document (<c>GET /api/kpis</c>'s body) as one JSON object; <paramref name="more"/>
    /// writes members of its own after the buckets.</summary>
    public void WriteJson(Utf8JsonWriter json, string? account, Instant? from, Instant? to, Action<Utf8JsonWriter>? more = null)
    {
        json.WriteStartObject();
        if (account is not null) json.WriteString("account", account);
        if (from is { } a) json.WriteString("from", InstantText(a));
        if (to is { } b) json.WriteString("to", InstantText(b));
        json.WriteString("granularity", ByDay ? "day" : "hour");
        if (Dimension is not null) json.WriteString("dimension", Dimension);
        json.WriteStartObject("total");
        KpiJsonWriter.WriteFields(json, Total);
        json.WriteBoolean("veryResponsive", KpiSummary.Of(Total).VeryResponsive);
        WriteDistribution(json, Total);
        json.WriteEndObject();
        json.WriteStartArray("buckets");
        foreach (var ((startHour, key), aggregate) in Buckets)
        {
            json.WriteStartObject();
            json.WriteString("start", InstantText(StartOf(startHour)));
            if (Dimension is not null) json.WriteString(Dimension, key);
            KpiJsonWriter.WriteFields(json, aggregate);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        more?.Invoke(json);
        json.WriteEndObject();
    }

    /// <summary>The upper bounds, in seconds, of the first-reply histogram's bins; the last bin has none.</summary>
    public static readonly int[] DistributionBounds = [5 * 60, 15 * 60, 30 * 60, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600];

    /// <summary>Writes <c>firstReplyDistribution</c>: first replies per bin of <see cref="DistributionBounds"/>
    /// (<c>upToSeconds</c>, inclusive; <see langword="null"/> for the open last bin) from the sketch.</summary>
    private static void WriteDistribution(Utf8JsonWriter json, KpiAggregate aggregate)
    {
        json.WriteStartArray("firstReplyDistribution");
        var sketch = aggregate.FirstReplySketch;
        long below = 0;
        foreach (var bound in DistributionBounds)
        {
            var atMost = sketch?.CountAtMost(bound) ?? 0;
            json.WriteStartObject();
            json.WriteNumber("upToSeconds", bound);
            json.WriteNumber("count", atMost - below);
            json.WriteEndObject();
            below = atMost;
        }
        json.WriteStartObject();
        json.WriteNull("upToSeconds");
        json.WriteNumber("count", (sketch?.Count ?? 0) - below);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static string InstantText(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);
}
