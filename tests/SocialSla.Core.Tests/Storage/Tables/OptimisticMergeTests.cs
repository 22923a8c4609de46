using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Tests.Storage.Tables;

public class OptimisticMergeTests
{
    /// <summary>A table in memory with ETags; <see cref="BeforeWrite"/> lets a test slip a rival write in.</summary>
    private sealed class MemoryTable : ITableEntityPort
    {
        private readonly Dictionary<(string, string), (Dictionary<string, object> Properties, int Version)> _rows = [];

        public Action? BeforeWrite { get; set; }

        public int Writes { get; private set; }

        public Task<TableEntityData?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
            Task.FromResult(_rows.TryGetValue((partitionKey, rowKey), out var row)
                ? new TableEntityData(partitionKey, rowKey, KpiTableEntityTests.Nullable(row.Properties), "v" + row.Version)
                : null);

        public Task<TableWriteOutcome> InsertAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, CancellationToken cancellationToken)
        {
            Rival();
            if (_rows.ContainsKey((partitionKey, rowKey))) return Task.FromResult(TableWriteOutcome.Conflict);
            _rows[(partitionKey, rowKey)] = (new(properties), 1);
            Writes++;
            return Task.FromResult(TableWriteOutcome.Written);
        }

        public Task<TableWriteOutcome> ReplaceAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, string etag, CancellationToken cancellationToken)
        {
            Rival();
            if (!_rows.TryGetValue((partitionKey, rowKey), out var row) || "v" + row.Version != etag) return Task.FromResult(TableWriteOutcome.Conflict);
            _rows[(partitionKey, rowKey)] = (new(properties), row.Version + 1);
            Writes++;
            return Task.FromResult(TableWriteOutcome.Written);
        }

        private void Rival()
        {
            var rival = BeforeWrite;
            BeforeWrite = null;
            rival?.Invoke();
        }
    }

    [Fact]
    public async Task A_rival_write_between_read_and_write_is_merged_not_lost()
    {
        var table = new MemoryTable();
        var key = KpiTableEntityTests.Key;
        await OptimisticMerge.RecordKpisAsync(table, [new RecordKpi(key, KpiTableEntityTests.Answered(10))]);
        table.BeforeWrite = () => OptimisticMerge.RecordKpisAsync(table, [new RecordKpi(key, KpiTableEntityTests.Answered(20))]).GetAwaiter().GetResult();
        var conflicts = await OptimisticMerge.RecordKpisAsync(table, [new RecordKpi(key, KpiTableEntityTests.Answered(30))]);
        Assert.Equal(1, conflicts);
        var stored = await table.GetAsync(KpiTableEntity.AddressOf(key).PartitionKey, KpiTableEntity.AddressOf(key).RowKey, default);
        var aggregate = KpiTableEntity.ToAggregate(stored!.Properties);
        Assert.Equal(6, aggregate.Mentions);
        Assert.Equal(3, aggregate.FirstReplyCount);
        Assert.Equal(3600, aggregate.FirstReplySeconds, 6);
    }

    [Fact]
    public async Task A_racing_first_insert_is_a_conflict_and_the_merge_starts_over()
    {
        var table = new MemoryTable();
        var key = KpiTableEntityTests.Key;
        table.BeforeWrite = () => OptimisticMerge.RecordKpisAsync(table, [new RecordKpi(key, new KpiDelta { Mentions = 5 })]).GetAwaiter().GetResult();
        Assert.Equal(1, await OptimisticMerge.RecordKpisAsync(table, [new RecordKpi(key, new KpiDelta { Mentions = 1 })]));
        var address = KpiTableEntity.AddressOf(key);
        Assert.Equal(6L, (await table.GetAsync(address.PartitionKey, address.RowKey, default))!.Properties["Mentions"]);
    }

    [Fact]
    public async Task Commands_for_one_entity_are_written_once()
    {
        var table = new MemoryTable();
        var key = KpiTableEntityTests.Key;
        var other = key with { Priority = Mentions.Priority.Normal };
        await OptimisticMerge.RecordKpisAsync(table, [
            new RecordKpi(key, new KpiDelta { Mentions = 1 }), new RecordKpi(other, new KpiDelta { Mentions = 1 }),
            new RecordKpi(key, new KpiDelta { Mentions = 1 }), new RecordKpi(key, new KpiDelta { Mentions = 1 })]);
        Assert.Equal(2, table.Writes);
    }

    [Fact]
    public async Task An_entity_that_never_settles_gives_up_with_a_clear_error()
    {
        var table = new MemoryTable();
        var address = new TableEntityAddress("p", "r");
        await OptimisticMerge.MergeAsync(table, address, _ => new() { ["N"] = 1L });
        var attempts = 0;
        var error = await Assert.ThrowsAsync<TableConcurrencyException>(() => OptimisticMerge.MergeAsync(table, address, stored =>
        {
            attempts++;
            table.BeforeWrite = () => OptimisticMerge.MergeAsync(table, address, _ => new() { ["N"] = 2L }).GetAwaiter().GetResult();
            return new() { ["N"] = 3L };
        }, maxAttempts: 3));
        Assert.Equal(3, attempts);
        Assert.Contains("3 attempts", error.Message);
    }
}
