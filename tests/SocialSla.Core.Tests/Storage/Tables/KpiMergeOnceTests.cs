using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Storage.Tables;
using SocialSla.Core.Tests.Support;

namespace SocialSla.Core.Tests.Storage.Tables;

public class KpiMergeOnceTests
{
    private static readonly KpiKey Key = KpiTableEntityTests.Key;
    private static readonly KpiKey OtherHour = Key with { Hour = Key.Hour.Plus(NodaTime.Duration.FromHours(1)) };
    private static readonly string Partition = KpiTableEntity.AddressOf(Key).PartitionKey;

    private static PendingEffects Entry(string run, params RecordKpi[] kpis) =>
        new("x", "outbox|" + run, "W/\"etag-" + run + "\"", PipelineEffects.Of(kpis));

    private static async Task DrainAsync(ITableTransactionPort table, params PendingEffects[] entries)
    {
        foreach (var (key, contributions) in KpiMergeOnce.Group(entries)) await KpiMergeOnce.MergeAsync(table, key, contributions);
    }

    private static async Task<KpiAggregate?> ReadAsync(ITableTransactionPort table, KpiKey key)
    {
        var address = KpiTableEntity.AddressOf(key);
        return await table.GetAsync(address.PartitionKey, address.RowKey, default) is { } stored ? KpiTableEntity.ToAggregate(stored.Properties) : null;
    }

    /// <summary>What the entries add up to, merged once each without markers (the reference).</summary>
    private static async Task<KpiAggregate?> ExpectedAsync(KpiKey key, params PendingEffects[] entries)
    {
        var reference = new MemoryTransactionTable();
        foreach (var entry in entries)
        foreach (var (k, delta) in entry.Effects.Kpis)
            await OptimisticMerge.MergeAsync(reference, KpiTableEntity.AddressOf(k), stored => KpiTableEntity.Merge(stored, k, delta));
        return await ReadAsync(reference, key);
    }

    private static void AssertSame(KpiAggregate? expected, KpiAggregate? actual) =>
        Assert.Equal(KpiTableEntity.ToProperties(Key, expected!), KpiTableEntity.ToProperties(Key, actual!));

    [Fact]
    public async Task An_entry_drained_again_after_a_crash_counts_once()
    {
        var table = new MemoryTransactionTable();
        var entry = Entry("a", new RecordKpi(Key, KpiTableEntityTests.Answered(10)), new RecordKpi(OtherHour, KpiTableEntityTests.Answered(70)));
        await DrainAsync(table, entry);
        await DrainAsync(table, entry); // the redelivery: merged, outbox row not deleted yet

        AssertSame(await ExpectedAsync(Key, entry), await ReadAsync(table, Key));
        AssertSame(await ExpectedAsync(OtherHour, entry), await ReadAsync(table, OtherHour));
        Assert.Equal(2, (await ReadAsync(table, Key))!.Mentions);
    }

    [Fact]
    public async Task Deltas_of_one_entry_for_keys_differing_only_in_queue_or_tags_all_count_in_the_one_entity()
    {
        var table = new MemoryTransactionTable();
        var billing = Key with { Queue = "billing", Tags = "refund" };
        var entry = Entry("a", new RecordKpi(Key, KpiTableEntityTests.Answered(10)), new RecordKpi(billing, KpiTableEntityTests.Answered(20)));
        Assert.Equal(2, entry.Effects.Kpis.Count);

        await DrainAsync(table, entry);
        await DrainAsync(table, entry);

        Assert.Equal(4, (await ReadAsync(table, Key))!.Mentions);
        Assert.Equal(2, (await ReadAsync(table, Key))!.FirstReplyCount);
    }

    [Fact]
    public async Task A_drain_of_several_entries_adds_only_those_not_applied_yet()
    {
        var table = new MemoryTransactionTable();
        var a = Entry("a", new RecordKpi(Key, KpiTableEntityTests.Answered(10)));
        var b = Entry("b", new RecordKpi(Key, KpiTableEntityTests.Answered(20, 5)));
        await DrainAsync(table, a);
        await DrainAsync(table, a, b);

        AssertSame(await ExpectedAsync(Key, a, b), await ReadAsync(table, Key));
    }

    [Fact]
    public async Task A_rival_drain_of_the_same_entry_between_the_reads_and_the_commit_is_not_counted_twice()
    {
        var table = new MemoryTransactionTable();
        var entry = Entry("a", new RecordKpi(Key, KpiTableEntityTests.Answered(10)));
        table.BeforeSubmit = () => DrainAsync(table, entry);
        var conflicts = await KpiMergeOnce.MergeAsync(table, Key, KpiMergeOnce.Group([entry])[0].Value);

        Assert.Equal(1, conflicts);
        AssertSame(await ExpectedAsync(Key, entry), await ReadAsync(table, Key));
    }

    [Fact]
    public async Task A_rival_drain_of_another_entry_is_merged_not_lost()
    {
        var table = new MemoryTransactionTable();
        var a = Entry("a", new RecordKpi(Key, KpiTableEntityTests.Answered(10)));
        var b = Entry("b", new RecordKpi(Key, KpiTableEntityTests.Answered(30)));
        table.BeforeSubmit = () => DrainAsync(table, b);
        await DrainAsync(table, a);

        AssertSame(await ExpectedAsync(Key, a, b), await ReadAsync(table, Key));
    }

    [Fact]
    public async Task More_entries_than_one_transaction_takes_are_merged_in_several_each_once()
    {
        var table = new MemoryTransactionTable();
        var entries = Enumerable.Range(0, 150).Select(i => Entry("r" + i, new RecordKpi(Key, KpiTableEntityTests.Answered(i)))).ToArray();
        await DrainAsync(table, entries);
        await DrainAsync(table, entries[..120]);

        AssertSame(await ExpectedAsync(Key, entries), await ReadAsync(table, Key));
        Assert.Equal(300, (await ReadAsync(table, Key))!.Mentions);
    }

    [Fact]
    public async Task Forgetting_deletes_the_markers_and_leaves_the_entity()
    {
        var table = new MemoryTransactionTable();
        var a = Entry("a", new RecordKpi(Key, KpiTableEntityTests.Answered(10)));
        var b = Entry("b", new RecordKpi(Key, KpiTableEntityTests.Answered(20)));
        await DrainAsync(table, a, b);
        Assert.Equal(3, table.RowKeys(Partition).Count());

        await KpiMergeOnce.ForgetAsync(table, Key, [KpiMergeOnce.EntryId(a), KpiMergeOnce.EntryId(b), "never-applied"]);

        Assert.Equal([KpiTableEntity.AddressOf(Key).RowKey], table.RowKeys(Partition));
        AssertSame(await ExpectedAsync(Key, a, b), await ReadAsync(table, Key));
    }

    [Fact]
    public void Markers_sort_after_every_kpi_row_so_the_day_range_query_leaves_them_out()
    {
        var marker = KpiMergeOnce.MarkerRow("x/outbox|a/W/\"1\"", "10|dm|high");
        Assert.True(KpiMergeOnce.IsMarkerRow(marker));
        Assert.True(string.CompareOrdinal(marker, "~") > 0);
        foreach (var hour in Enumerable.Range(0, 24))
        {
            var row = KpiTableEntity.AddressOf(Key with { Hour = Key.Hour.Plus(NodaTime.Duration.FromHours(hour - 10)) }).RowKey;
            Assert.False(KpiMergeOnce.IsMarkerRow(row));
            Assert.True(string.CompareOrdinal(row, "~") < 0, row);
        }
        Assert.EndsWith(" and RowKey lt '~'", KpiTableEntity.DayRangeFilter(Key.Account, Key.Hour, Key.Hour.Plus(NodaTime.Duration.FromHours(24))));
        Assert.NotEqual(marker, KpiMergeOnce.MarkerRow("x/outbox|a/W/\"2\"", "10|dm|high"));
        Assert.NotEqual(marker, KpiMergeOnce.MarkerRow("x/outbox|a/W/\"1\"", "11|dm|high"));
    }
}
