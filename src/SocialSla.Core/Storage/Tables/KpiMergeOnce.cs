using System.Security.Cryptography;
using System.Text;
using SocialSla.Core.Kpis;

namespace SocialSla.Core.Storage.Tables;

/// <summary>Merges the KPI deltas of outbox entries (<see cref="PendingEffects"/>) into their entities at most once per
/// entry, so that an entry drained again (its merge written, then a crash before its outbox row was deleted) does not
/// count twice.</summary>
/// <remarks>
/// <para>Each write of a KPI entity carries, in the same entity group transaction of the entity's partition, one
/// <i>applied marker</i> row per entry whose delta it adds (<see cref="MarkerRow"/>). A drain first reads the markers
/// and leaves out the entries already applied; the marker insert fails the whole transaction if another drain applied
/// the entry in between, and the merge starts over from fresh reads. Once the entries' outbox rows are deleted, nothing
/// can drain them again and their markers are deleted (<see cref="ForgetAsync"/>); a marker left by a crash in
/// between is harmless (readers skip marker rows: <see cref="KpiTableEntity.DayRangeFilter"/>).</para>
/// <para>An entry is named by its outbox row and the ETag read with it: an outbox row extended by a later run under the
/// same key is a new entry.</para>
/// </remarks>
public static class KpiMergeOnce
{
    private const string MarkerPrefix = "~applied~";

    /// <summary>One entry's share of one KPI entity.</summary>
    /// <param name="Entry">The entry's identity (<see cref="EntryId"/>).</param>
    /// <param name="Delta">What it adds.</param>
    public readonly record struct Contribution(string Entry, KpiAggregate Delta);

    /// <summary>The identity of an outbox entry as markers know it.</summary>
    public static string EntryId(PendingEffects entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"{entry.PartitionKey}/{entry.RowKey}/{entry.ETag}";
    }

    /// <summary>The row key of the marker saying that <paramref name="entry"/> was added to the KPI row
    /// <paramref name="kpiRow"/> (one partition holds a day's rows, and an entry may add to several): sorts after every
    /// KPI row (they start with the hour's digits) and holds no character a row key may not.</summary>
    public static string MarkerRow(string entry, string kpiRow)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(kpiRow);
        return MarkerPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kpiRow + "\n" + entry)))[..32];
    }

    /// <summary>Whether a row of a KPI partition is an applied marker rather than a KPI entity.</summary>
    public static bool IsMarkerRow(string rowKey) => rowKey.StartsWith(MarkerPrefix, StringComparison.Ordinal);

    /// <summary>The entries' KPI deltas grouped per entity, each with the entries that contribute (one contribution per
    /// entry and entity), in first-seen order.</summary>
    /// <remarks>An entity holds an account's channel, priority and hour (<see cref="KpiTableEntity.AddressOf"/>): the
    /// finer dimensions of a <see cref="KpiKey"/> (queue, tags) are summed into it, so an entry's deltas for keys that
    /// differ only there become one contribution (one marker).</remarks>
    public static IReadOnlyList<KeyValuePair<KpiKey, IReadOnlyList<Contribution>>> Group(IEnumerable<PendingEffects> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var order = new List<KpiKey>();
        var byKey = new Dictionary<KpiKey, List<Contribution>>();
        foreach (var entry in entries)
        {
            var id = EntryId(entry);
            foreach (var (fineKey, delta) in entry.Effects.Kpis)
            {
                var key = fineKey with { Queue = null, Tags = null };
                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey[key] = list = [];
                    order.Add(key);
                }
                if (list.Count > 0 && list[^1].Entry == id)
                {
                    var sum = new KpiAggregate();
                    sum.Merge(list[^1].Delta);
                    sum.Merge(delta);
                    list[^1] = new Contribution(id, sum);
                }
                else
                {
                    list.Add(new Contribution(id, delta));
                }
            }
        }
        return [.. order.Select(k => new KeyValuePair<KpiKey, IReadOnlyList<Contribution>>(k, byKey[k]))];
    }

    /// <summary>Adds to <paramref name="key"/>'s entity the deltas of the contributions not applied yet, with their
    /// markers, in one transaction per at most 99 contributions; starts over from fresh reads on a conflict.</summary>
    /// <returns>The number of conflicts met.</returns>
    /// <exception cref="TableConcurrencyException">Every one of <paramref name="maxAttempts"/> attempts met a conflict.</exception>
    public static async Task<int> MergeAsync(ITableTransactionPort table, KpiKey key, IReadOnlyList<Contribution> contributions,
        int maxAttempts = OptimisticMerge.DefaultMaxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var conflicts = 0;
        for (var start = 0; start < contributions.Count; start += ITableTransactionPort.MaxChanges - 1)
        {
            var chunk = contributions.Skip(start).Take(ITableTransactionPort.MaxChanges - 1).ToList();
            conflicts += await MergeChunkAsync(table, key, chunk, maxAttempts, cancellationToken).ConfigureAwait(false);
        }
        return conflicts;
    }

    private static async Task<int> MergeChunkAsync(ITableTransactionPort table, KpiKey key, List<Contribution> contributions, int maxAttempts,
        CancellationToken cancellationToken)
    {
        var address = KpiTableEntity.AddressOf(key);
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            var stored = await table.GetAsync(address.PartitionKey, address.RowKey, cancellationToken).ConfigureAwait(false);
            var delta = new KpiAggregate();
            var markers = new List<TableChange>(contributions.Count + 1);
            foreach (var contribution in contributions)
            {
                var marker = MarkerRow(contribution.Entry, address.RowKey);
                if (await table.GetAsync(address.PartitionKey, marker, cancellationToken).ConfigureAwait(false) is not null) continue;
                delta.Merge(contribution.Delta);
                markers.Add(new TableChange(TableChangeKind.Insert, marker, new Dictionary<string, object>(StringComparer.Ordinal), null));
            }
            if (markers.Count == 0) return attempt;
            var properties = KpiTableEntity.Merge(stored?.Properties, key, delta);
            var write = stored is null
                ? new TableChange(TableChangeKind.Insert, address.RowKey, properties, null)
                : new TableChange(TableChangeKind.Replace, address.RowKey, properties,
                    stored.ETag ?? throw new InvalidOperationException("The table returned an entity without an ETag."));
            if (await table.SubmitAsync(address.PartitionKey, [write, .. markers], cancellationToken).ConfigureAwait(false) == TableWriteOutcome.Written)
                return attempt;
        }
        throw new TableConcurrencyException($"{address.PartitionKey} / {address.RowKey} changed under each of {maxAttempts} attempts to merge into it.");
    }

    /// <summary>Deletes the markers of entries whose outbox rows are gone (nothing can drain them again). A marker
    /// already gone is fine.</summary>
    public static async Task ForgetAsync(ITableTransactionPort table, KpiKey key, IEnumerable<string> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(entries);
        var (partition, row) = KpiTableEntity.AddressOf(key);
        foreach (var entry in entries)
        {
            var marker = MarkerRow(entry, row);
            if (await table.GetAsync(partition, marker, cancellationToken).ConfigureAwait(false) is not { ETag: { } etag }) continue;
            await table.SubmitAsync(partition, [new TableChange(TableChangeKind.Delete, marker, new Dictionary<string, object>(StringComparer.Ordinal), etag)],
                cancellationToken).ConfigureAwait(false);
        }
    }
}
