using System.Globalization;
using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Storage.Tables;

/// <summary>The KPI aggregate of one <see cref="KpiKey"/> as a Table storage entity: key scheme, property names and EDM
/// types, reading, writing and the pure merge of a delta into a stored entity.</summary>
/// <remarks>
/// <para><b>Keys.</b> One partition per account and UTC day (<c>x:ContosoCoffee|day|2026-11-22</c>), one row per hour,
/// channel and priority (<c>10|dm|high</c>): a day's report reads one partition, a range of days a range of
/// partitions of one account, and the hourly rows of one day sort by hour.</para>
/// <para><b>Properties.</b> <c>Account</c>, <c>Channel</c>, <c>Priority</c> (Edm.String), <c>Hour</c> (Edm.DateTime)
/// and <c>SchemaVersion</c> (Edm.Int32) describe the row; every counter is an Edm.Int64 (<see cref="long"/>) and is
/// always written, zero included; the sums of seconds are Edm.Double; each sketch is an Edm.Binary in
/// <see cref="SketchCodec"/> form, written only when not empty, and split over <c>Name</c>, <c>Name2</c>, …,
/// <c>Name15</c> should it outgrow the 64 KiB of one property. The entity has 42 properties plus the sketches', far
/// below the 252 allowed; <see cref="ToProperties"/> checks every limit and throws <see cref="TableLimitException"/>
/// rather than write an entity the service would refuse.</para>
/// <para><b>Concurrency.</b> <see cref="Merge"/> is pure: the adapter reads the entity with its ETag, merges the
/// coalesced delta, and replaces the entity with <c>If-Match</c> (or inserts it when there was none); on 412 (or 409
/// for a racing insert) it reads again and merges again, so no increment is lost.</para>
/// </remarks>
public static class KpiTableEntity
{
    /// <summary>The version written in <c>SchemaVersion</c>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The most properties one sketch may be split over.</summary>
    public const int MaxSketchChunks = 15;

    /// <summary>Property names of the row's description.</summary>
    public const string AccountProperty = "Account", ChannelProperty = "Channel", PriorityProperty = "Priority",
        HourProperty = "Hour", SchemaVersionProperty = "SchemaVersion";

    /// <summary>Property names of the sketches (first chunk).</summary>
    public const string FirstReplySketchProperty = "FirstReplySketch", ResponseSketchProperty = "ResponseSketch";

    private static readonly (string Name, Func<KpiAggregate, long> Get, Action<KpiAggregate, long> Set)[] Counters =
    [
        ("Mentions", a => a.Mentions, (a, v) => a.Mentions = v),
        ("CustomerMessages", a => a.CustomerMessages, (a, v) => a.CustomerMessages = v),
        ("Actionable", a => a.Actionable, (a, v) => a.Actionable = v),
        ("BrandMessages", a => a.BrandMessages, (a, v) => a.BrandMessages = v),
        ("Noise", a => a.Noise, (a, v) => a.Noise = v),
        ("NegativeMessages", a => a.NegativeMessages, (a, v) => a.NegativeMessages = v),
        ("NeutralMessages", a => a.NeutralMessages, (a, v) => a.NeutralMessages = v),
        ("PositiveMessages", a => a.PositiveMessages, (a, v) => a.PositiveMessages = v),
        ("CasesOpened", a => a.CasesOpened, (a, v) => a.CasesOpened = v),
        ("CasesReopened", a => a.CasesReopened, (a, v) => a.CasesReopened = v),
        ("CasesResolved", a => a.CasesResolved, (a, v) => a.CasesResolved = v),
        ("CasesAnswered", a => a.CasesAnswered, (a, v) => a.CasesAnswered = v),
        ("FirstReplyCount", a => a.FirstReplyCount, (a, v) => a.FirstReplyCount = v),
        ("FirstReplyWithin15m", a => a.FirstReplyWithin15m, (a, v) => a.FirstReplyWithin15m = v),
        ("FirstReplyWithin1h", a => a.FirstReplyWithin1h, (a, v) => a.FirstReplyWithin1h = v),
        ("ResponseCount", a => a.ResponseCount, (a, v) => a.ResponseCount = v),
        ("ResolutionCount", a => a.ResolutionCount, (a, v) => a.ResolutionCount = v),
    ];

    private static readonly (string Name, Func<KpiAggregate, double> Get, Action<KpiAggregate, double> Set)[] Sums =
    [
        ("FirstReplySeconds", a => a.FirstReplySeconds, (a, v) => a.FirstReplySeconds = v),
        ("ResponseSeconds", a => a.ResponseSeconds, (a, v) => a.ResponseSeconds = v),
        ("ResolutionSeconds", a => a.ResolutionSeconds, (a, v) => a.ResolutionSeconds = v),
    ];

    /// <summary>The names of the Edm.Int64 counters, in writing order (alert counters last).</summary>
    public static IReadOnlyList<string> CounterNames { get; } =
        [.. Counters.Select(c => c.Name), .. AlertSlots().Select(s => AlertPropertyName(s.Clock, s.Level))];

    /// <summary>The names of the Edm.Double sums of seconds.</summary>
    public static IReadOnlyList<string> SumNames { get; } = [.. Sums.Select(s => s.Name)];

    /// <summary>The property name of an alert counter, e.g. <c>AlertsFirstReplyBreached</c>.</summary>
    public static string AlertPropertyName(ClockKind clock, ThresholdLevel level) =>
        "Alerts" + Pascal(Alerts.AlertId.ClockName(clock)) + Pascal(Alerts.AlertId.LevelName(level));

    /// <summary>The partition of an account's day: <c>account|day|yyyy-MM-dd</c>.</summary>
    public static string PartitionKey(PlatformAccountId account, Instant day) =>
        TableKeys.Join(account.ToString(), "day", day.InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The entity that holds <paramref name="key"/>'s aggregate.</summary>
    public static TableEntityAddress AddressOf(KpiKey key)
    {
        var hour = key.Hour.InUtc().Hour.ToString("00", CultureInfo.InvariantCulture);
        return new(PartitionKey(key.Account, key.Hour), TableKeys.Join(hour, key.Channel.ToWireName(), PriorityName(key.Priority)));
    }

    /// <summary>Reads the <see cref="KpiKey"/> back from an entity's keys.</summary>
    /// <exception cref="FormatException">The keys are not of this scheme.</exception>
    public static KpiKey KeyOf(string partitionKey, string rowKey)
    {
        var p = TableKeys.Split(partitionKey);
        var r = TableKeys.Split(rowKey);
        if (p.Length != 3 || p[1] != "day" || r.Length != 3)
            throw new FormatException($"'{partitionKey}' / '{rowKey}' are not the keys of a KPI entity.");
        if (!PlatformAccountId.TryParse(p[0], out var account)) throw new FormatException($"'{p[0]}' is not an account id.");
        if (!DateOnly.TryParseExact(p[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new FormatException($"'{p[2]}' is not a day.");
        if (!int.TryParse(r[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour > 23)
            throw new FormatException($"'{r[0]}' is not an hour.");
        if (!ChannelNames.TryParse(r[1], out var channel)) throw new FormatException($"'{r[1]}' is not a channel.");
        if (!TryParsePriority(r[2], out var priority)) throw new FormatException($"'{r[2]}' is not a priority.");
        var start = Instant.FromUtc(date.Year, date.Month, date.Day, hour, 0);
        return new KpiKey(account, channel, priority, start);
    }

    /// <summary>The filter of a query for one account's rows from day <paramref name="from"/> to the day before
    /// <paramref name="to"/> (UTC days; OData syntax with quoted, escaped keys). KPI rows only: the applied markers that
    /// share their partitions (<see cref="KpiMergeOnce"/>) sort after them and are left out.</summary>
    public static string DayRangeFilter(PlatformAccountId account, Instant from, Instant to) =>
        $"PartitionKey ge {TableEntityJson.Quote(PartitionKey(account, from))} and PartitionKey lt {TableEntityJson.Quote(PartitionKey(account, to))}"
        + " and RowKey lt '~'";

    /// <summary>The entity properties of <paramref name="key"/>'s aggregate.</summary>
    /// <exception cref="TableLimitException">The entity would break a Table storage limit.</exception>
    public static Dictionary<string, object> ToProperties(KpiKey key, KpiAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [AccountProperty] = key.Account.ToString(),
            [ChannelProperty] = key.Channel.ToWireName(),
            [PriorityProperty] = PriorityName(key.Priority),
            [HourProperty] = key.Hour.ToDateTimeOffset(),
            [SchemaVersionProperty] = SchemaVersion,
        };
        foreach (var (name, get, _) in Counters) properties[name] = get(aggregate);
        foreach (var (name, get, _) in Sums) properties[name] = get(aggregate);
        foreach (var (clock, level) in AlertSlots()) properties[AlertPropertyName(clock, level)] = aggregate.AlertCount(clock, level);
        WriteSketch(properties, FirstReplySketchProperty, aggregate.FirstReplySketch);
        WriteSketch(properties, ResponseSketchProperty, aggregate.ResponseSketch);
        var address = AddressOf(key);
        TableEntitySize.Check(address.PartitionKey, address.RowKey, properties);
        return properties;
    }

    /// <summary>Reads the aggregate out of an entity's properties; missing counters are zero.</summary>
    /// <exception cref="FormatException">A property has a type or value this mapping never writes.</exception>
    public static KpiAggregate ToAggregate(IReadOnlyDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var aggregate = new KpiAggregate();
        foreach (var (name, _, set) in Counters) set(aggregate, Int64(properties, name));
        foreach (var (name, _, set) in Sums) set(aggregate, Double(properties, name));
        foreach (var (clock, level) in AlertSlots()) aggregate.AddAlerts(clock, level, Int64(properties, AlertPropertyName(clock, level)));
        aggregate.FirstReplySketch = ReadSketch(properties, FirstReplySketchProperty);
        aggregate.ResponseSketch = ReadSketch(properties, ResponseSketchProperty);
        return aggregate;
    }

    /// <summary>Merges <paramref name="delta"/> into the stored entity <paramref name="existing"/> (or into nothing,
    /// when there is no entity yet) and returns the properties to write back. Pure: neither argument changes.</summary>
    /// <remarks>Properties this mapping does not own (written by a newer version, or by hand) are kept.</remarks>
    /// <exception cref="FormatException">The stored entity has a property of a type this mapping never writes.</exception>
    /// <exception cref="TableLimitException">The merged entity would break a Table storage limit.</exception>
    public static Dictionary<string, object> Merge(IReadOnlyDictionary<string, object?>? existing, KpiKey key, KpiAggregate delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var merged = existing is null ? new KpiAggregate() : ToAggregate(existing);
        merged.Merge(delta);
        var properties = ToProperties(key, merged);
        if (existing is not null)
        {
            foreach (var (name, value) in existing)
            {
                if (value is null || IsOwned(name) || IsSystem(name)) continue;
                properties[name] = value;
            }
            var address = AddressOf(key);
            TableEntitySize.Check(address.PartitionKey, address.RowKey, properties);
        }
        return properties;
    }

    /// <summary>Coalesces KPI commands by entity: one delta aggregate per <see cref="KpiKey"/>, in first-seen order, so
    /// an invocation writes each entity once however many commands touched it.</summary>
    public static IReadOnlyList<KeyValuePair<KpiKey, KpiAggregate>> Coalesce(IEnumerable<RecordKpi> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var order = new List<KpiKey>();
        var byKey = new Dictionary<KpiKey, KpiAggregate>();
        foreach (var command in commands)
        {
            if (!byKey.TryGetValue(command.Key, out var aggregate))
            {
                byKey[command.Key] = aggregate = new KpiAggregate();
                order.Add(command.Key);
            }
            aggregate.Apply(command.Delta);
        }
        return [.. order.Select(k => new KeyValuePair<KpiKey, KpiAggregate>(k, byKey[k]))];
    }

    /// <summary>The lower-case name of a priority as keys and the <c>Priority</c> property carry it.</summary>
    public static string PriorityName(Priority priority) => priority switch
    {
        Priority.Low => "low",
        Priority.Normal => "normal",
        Priority.High => "high",
        Priority.Urgent => "urgent",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "Not a defined priority."),
    };

    private static bool TryParsePriority(string name, out Priority priority)
    {
        foreach (var candidate in Enum.GetValues<Priority>())
        {
            if (PriorityName(candidate) == name) { priority = candidate; return true; }
        }
        priority = default;
        return false;
    }

    private static string Pascal(string camel) => char.ToUpperInvariant(camel[0]) + camel[1..];

    private static IEnumerable<(ClockKind Clock, ThresholdLevel Level)> AlertSlots()
    {
        foreach (var clock in Enum.GetValues<ClockKind>())
            foreach (var level in Enum.GetValues<ThresholdLevel>())
                yield return (clock, level);
    }

    private static bool IsSystem(string name) =>
        name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || name.Contains('@', StringComparison.Ordinal);

    private static bool IsOwned(string name) =>
        name is AccountProperty or ChannelProperty or PriorityProperty or HourProperty or SchemaVersionProperty ||
        CounterNames.Contains(name) || SumNames.Contains(name) ||
        IsChunk(name, FirstReplySketchProperty) || IsChunk(name, ResponseSketchProperty);

    private static bool IsChunk(string name, string sketch) =>
        name == sketch || (name.StartsWith(sketch, StringComparison.Ordinal) && int.TryParse(name.AsSpan(sketch.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 2 and <= MaxSketchChunks);

    private static void WriteSketch(Dictionary<string, object> properties, string name, QuantileSketch? sketch)
    {
        if (sketch is null || sketch.IsEmpty) return;
        var bytes = SketchCodec.Encode(sketch);
        var chunks = (bytes.Length + TableLimits.MaxBinaryBytes - 1) / TableLimits.MaxBinaryBytes;
        if (chunks > MaxSketchChunks)
            throw new TableLimitException($"The sketch '{name}' encodes to {bytes.Length} bytes, more than {MaxSketchChunks} properties of 64 KiB hold.");
        for (var i = 0; i < chunks; i++)
        {
            var start = i * TableLimits.MaxBinaryBytes;
            properties[i == 0 ? name : name + (i + 1).ToString(CultureInfo.InvariantCulture)] =
                bytes.AsSpan(start, Math.Min(TableLimits.MaxBinaryBytes, bytes.Length - start)).ToArray();
        }
    }

    private static QuantileSketch? ReadSketch(IReadOnlyDictionary<string, object?> properties, string name)
    {
        if (!properties.TryGetValue(name, out var first) || first is null) return null;
        var bytes = new List<byte>(Binary(name, first));
        for (var i = 2; i <= MaxSketchChunks && properties.TryGetValue(name + i.ToString(CultureInfo.InvariantCulture), out var chunk) && chunk is not null; i++)
            bytes.AddRange(Binary(name, chunk));
        return SketchCodec.Decode(bytes.ToArray());
    }

    private static byte[] Binary(string name, object value) => value switch
    {
        byte[] b => b,
        ReadOnlyMemory<byte> m => m.ToArray(),
        string base64 => Convert.FromBase64String(base64),
        _ => throw new FormatException($"The property '{name}' is a {value.GetType().Name}, not Edm.Binary."),
    };

    private static long Int64(IReadOnlyDictionary<string, object?> properties, string name)
    {
        if (!properties.TryGetValue(name, out var value) || value is null) return 0;
        return value switch
        {
            long l => l,
            int i => i,
            string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new FormatException($"The property '{name}' is a {value.GetType().Name}, not Edm.Int64."),
        };
    }

    private static double Double(IReadOnlyDictionary<string, object?> properties, string name)
    {
        if (!properties.TryGetValue(name, out var value) || value is null) return 0;
        return value switch
        {
            double d => d,
            long l => l,
            int i => i,
            _ => throw new FormatException($"The property '{name}' is a {value.GetType().Name}, not Edm.Double."),
        };
    }
}
