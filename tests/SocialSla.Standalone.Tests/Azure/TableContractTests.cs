using System.Text.Json;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage.Tables;
using Xunit.Abstractions;

namespace SocialSla.Standalone.Tests.Azure;

/// <summary>The Core Table mapping against a real Table service (Azurite over its REST API): what the Functions app's
/// adapters rely on, checked where the Azure packages cannot be restored.</summary>
public sealed class TableContractTests(AzuriteTableService azurite, ITestOutputHelper output) : IClassFixture<AzuriteTableService>, IDisposable
{
    private static readonly PlatformAccountId Account = new(Platform.X, "ContosoCoffee");
    private static readonly KpiKey Key = new(Account, Channel.Dm, Priority.High, Instant.FromUtc(2026, 11, 22, 10, 0));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    private async Task<TableRestClient> NewTableAsync()
    {
        var table = new TableRestClient(_http, azurite.Endpoint, AzuriteTableService.Account, AzuriteTableService.Key,
            "t" + Guid.NewGuid().ToString("N")[..20]);
        await table.CreateTableAsync();
        return table;
    }

    private static KpiDelta Answered(double firstReplyMinutes, params double[] responseMinutes) => new()
    {
        Mentions = 2,
        CustomerMessages = 1,
        Actionable = 1,
        BrandMessages = 1,
        After = new CaseKpiContribution
        {
            Opened = true,
            Answered = true,
            FirstReply = Duration.FromSeconds(firstReplyMinutes * 60),
            Responses = [.. responseMinutes.Select(m => Duration.FromSeconds(m * 60))],
        },
        Alerts = new[] { new AlertKey(ClockKind.FirstReply, 1, ThresholdLevel.Breached) },
    };

    [Fact]
    public async Task Entities_written_from_kpi_deltas_read_back_with_their_edm_types()
    {
        var table = await NewTableAsync();
        var odd = new KpiKey(new PlatformAccountId(Platform.Rss, "forum.example.com/it's|50%#1"), Channel.Review, Priority.Normal, Instant.FromUtc(2026, 11, 22, 23, 0));
        var nextDay = Key with { Hour = Instant.FromUtc(2026, 11, 23, 0, 0) };
        await OptimisticMerge.RecordKpisAsync(table, [
            new RecordKpi(Key, Answered(10, 5)), new RecordKpi(Key, Answered(70)), new RecordKpi(odd, Answered(1)),
            new RecordKpi(nextDay, new KpiDelta { Mentions = 1, BrandMessages = 1 })]);

        var address = KpiTableEntity.AddressOf(Key);
        using var raw = JsonDocument.Parse(await table.GetRawAsync(address.PartitionKey, address.RowKey));
        var root = raw.RootElement;
        output.WriteLine(root.GetRawText());
        foreach (var name in KpiTableEntity.CounterNames) Assert.Equal("Edm.Int64", root.GetProperty(name + "@odata.type").GetString());
        // Azurite answers Edm.Double unannotated but with a fraction ("4800.0"), which is how JSON tells it from Edm.Int32.
        foreach (var name in KpiTableEntity.SumNames)
            Assert.True(root.TryGetProperty(name + "@odata.type", out var type) ? type.GetString() == "Edm.Double" : root.GetProperty(name).GetRawText().Contains('.'), name);
        Assert.Equal("4", root.GetProperty("Mentions").GetString());
        Assert.Equal("Edm.DateTime", root.GetProperty("Hour@odata.type").GetString());
        Assert.Equal("Edm.Binary", root.GetProperty("FirstReplySketch@odata.type").GetString());
        Assert.Equal("Edm.Binary", root.GetProperty("ResponseSketch@odata.type").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("SchemaVersion").ValueKind);
        Assert.Equal("dm", root.GetProperty("Channel").GetString());

        var stored = await table.GetAsync(address.PartitionKey, address.RowKey, default);
        Assert.NotNull(stored!.ETag);
        Assert.IsType<long>(stored.Properties["Mentions"]);
        Assert.IsType<double>(stored.Properties["FirstReplySeconds"]);
        Assert.IsType<DateTimeOffset>(stored.Properties["Hour"]);
        Assert.IsType<int>(stored.Properties["SchemaVersion"]);
        var expected = new KpiAggregate();
        expected.Apply(Answered(10, 5));
        expected.Apply(Answered(70));
        AssertSame(expected, KpiTableEntity.ToAggregate(stored.Properties));
        Assert.Equal(Key, KpiTableEntity.KeyOf(stored.PartitionKey, stored.RowKey));

        var oddAddress = KpiTableEntity.AddressOf(odd);
        var oddStored = await table.GetAsync(oddAddress.PartitionKey, oddAddress.RowKey, default);
        Assert.Equal(odd, KpiTableEntity.KeyOf(oddStored!.PartitionKey, oddStored.RowKey));
        Assert.Equal(2L, oddStored.Properties["Mentions"]);

        var days = await table.QueryAsync(KpiTableEntity.DayRangeFilter(Account, Instant.FromUtc(2026, 11, 22, 0, 0), Instant.FromUtc(2026, 11, 24, 0, 0)));
        Assert.Equal([Key, nextDay], days.Select(e => KpiTableEntity.KeyOf(e.PartitionKey, e.RowKey)));
        Assert.Equal(4L, days[0].Properties["Mentions"]);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_the_merge_retries_from_a_fresh_read()
    {
        var table = await NewTableAsync();
        await OptimisticMerge.RecordKpisAsync(table, [new RecordKpi(Key, Answered(10))]);
        var address = KpiTableEntity.AddressOf(Key);
        var first = (await table.GetAsync(address.PartitionKey, address.RowKey, default))!;
        var second = (await table.GetAsync(address.PartitionKey, address.RowKey, default))!;
        Assert.Equal(TableWriteOutcome.Written, await table.ReplaceAsync(address.PartitionKey, address.RowKey,
            KpiTableEntity.Merge(first.Properties, Key, Aggregate(Answered(20))), first.ETag!, default));
        Assert.Equal(TableWriteOutcome.Conflict, await table.ReplaceAsync(address.PartitionKey, address.RowKey,
            KpiTableEntity.Merge(second.Properties, Key, Aggregate(Answered(30))), second.ETag!, default));
        Assert.Equal(TableWriteOutcome.Conflict, await table.InsertAsync(address.PartitionKey, address.RowKey,
            KpiTableEntity.ToProperties(Key, Aggregate(Answered(30))), default));

        var conflicts = await OptimisticMerge.MergeAsync(new RivalFirst(table, Key), address, stored => KpiTableEntity.Merge(stored, Key, Aggregate(Answered(30))));
        Assert.Equal(1, conflicts);
        var stored = KpiTableEntity.ToAggregate((await table.GetAsync(address.PartitionKey, address.RowKey, default))!.Properties);
        Assert.Equal(4, stored.FirstReplyCount);
        Assert.Equal((10 + 20 + 40 + 30) * 60, stored.FirstReplySeconds, 6);
    }

    [Fact]
    public async Task Two_concurrent_mergers_lose_no_increment()
    {
        var table = await NewTableAsync();
        const int PerWriter = 30;
        using var gate = new Barrier(2);
        async Task Writer(int id)
        {
            await Task.Yield();
            gate.SignalAndWait();
            for (var i = 0; i < PerWriter; i++)
                await OptimisticMerge.RecordKpisAsync(table, [new RecordKpi(Key, Answered(1 + id * 100 + i, 2))]);
        }
        await Task.WhenAll(Task.Run(() => Writer(0)), Task.Run(() => Writer(1)));
        var address = KpiTableEntity.AddressOf(Key);
        var stored = KpiTableEntity.ToAggregate((await table.GetAsync(address.PartitionKey, address.RowKey, default))!.Properties);
        output.WriteLine($"{2 * PerWriter} merges, {table.Conflicts} conflicts (409/412) retried");
        Assert.Equal(2 * PerWriter * 2, stored.Mentions);
        Assert.Equal(2 * PerWriter, stored.FirstReplyCount);
        Assert.Equal(2 * PerWriter, stored.ResponseCount);
        Assert.Equal(2 * PerWriter, stored.AlertCount(ClockKind.FirstReply, ThresholdLevel.Breached));
        Assert.Equal(2 * PerWriter, stored.FirstReplySketch!.Count);
        var expectedSeconds = Enumerable.Range(0, 2).Sum(id => Enumerable.Range(0, PerWriter).Sum(i => (1 + id * 100 + i) * 60.0));
        Assert.Equal(expectedSeconds, stored.FirstReplySeconds, 6);
    }

    [Fact]
    public async Task An_outbox_entry_drained_twice_and_a_rival_drain_count_once_and_queries_skip_the_markers()
    {
        var table = await NewTableAsync();
        var nextHour = Key with { Hour = Instant.FromUtc(2026, 11, 22, 11, 0) };
        PendingEffects Entry(string run, params RecordKpi[] kpis) =>
            new("x", "outbox|" + run, "W/\"datetime'2026-11-22T10%3A00%3A00Z'\"", Core.Pipeline.PipelineEffects.Of(kpis));
        var entries = Enumerable.Range(0, 20).Select(i => Entry("r" + i, new RecordKpi(Key, Answered(i + 1)), new RecordKpi(nextHour, Answered(60)))).ToArray();
        async Task Drain(IEnumerable<PendingEffects> drained)
        {
            foreach (var (key, contributions) in KpiMergeOnce.Group(drained)) await KpiMergeOnce.MergeAsync(table, key, contributions);
        }

        // Two instances drain overlapping sets at once (a redelivery racing the first attempt), then one again (a crash
        // between the merge and the outbox delete).
        using var gate = new Barrier(2);
        async Task Instance(IEnumerable<PendingEffects> drained)
        {
            await Task.Yield();
            gate.SignalAndWait();
            await Drain(drained);
        }
        await Task.WhenAll(Task.Run(() => Instance(entries[..15])), Task.Run(() => Instance(entries[5..])));
        await Drain(entries);

        var days = await table.QueryAsync(KpiTableEntity.DayRangeFilter(Account, Instant.FromUtc(2026, 11, 22, 0, 0), Instant.FromUtc(2026, 11, 23, 0, 0)));
        Assert.Equal([Key, nextHour], days.Select(e => KpiTableEntity.KeyOf(e.PartitionKey, e.RowKey)));
        var stored = KpiTableEntity.ToAggregate(days[0].Properties);
        Assert.Equal(20 * 2, stored.Mentions);
        Assert.Equal(Enumerable.Range(1, 20).Sum(m => m * 60.0), stored.FirstReplySeconds, 6);
        Assert.Equal(20, KpiTableEntity.ToAggregate(days[1].Properties).FirstReplyCount);

        foreach (var (key, contributions) in KpiMergeOnce.Group(entries))
            await KpiMergeOnce.ForgetAsync(table, key, contributions.Select(c => c.Entry));
        var partition = KpiTableEntity.PartitionKey(Account, Key.Hour);
        var rows = await table.QueryAsync($"PartitionKey eq {TableEntityJson.Quote(partition)}");
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task A_sketch_split_over_several_binary_properties_is_accepted_and_read_back()
    {
        var table = await NewTableAsync();
        var sketch = new QuantileSketch();
        for (var i = -60; i < 68_000; i++) sketch.Add(Math.Exp(i * 0.01002));
        var withSketch = KpiTableEntity.ToAggregate(new Dictionary<string, object?> { ["ResponseSketch"] = SketchCodec.Encode(sketch) });
        var address = KpiTableEntity.AddressOf(Key);
        await OptimisticMerge.MergeAsync(table, address, stored => KpiTableEntity.Merge(stored, Key, withSketch));
        var stored = (await table.GetAsync(address.PartitionKey, address.RowKey, default))!;
        Assert.Contains("ResponseSketch2", stored.Properties.Keys);
        Assert.Equal(sketch.Buckets(), KpiTableEntity.ToAggregate(stored.Properties).ResponseSketch!.Buckets());
    }

    [Fact]
    public async Task Cursor_entities_round_trip_and_move_only_with_their_etag()
    {
        var table = await NewTableAsync();
        var record = new PullSourceRecord(
            new PullCursor { SinceId = "1897000000000000004", PendingNewestId = "1897000000000000009", NextToken = "b26v89c19zqg8o3f", SeenIds = ["9", "8", "7"] },
            ConsecutiveFailures: 2, NextAttempt: Instant.FromUtc(2026, 11, 22, 10, 1, 30), LastSuccess: Instant.FromUtc(2026, 11, 22, 9, 0), LastError: "HTTP 429");
        var address = PullCursorTableEntity.AddressOf("x-search/brand#1");
        Assert.Equal(0, await OptimisticMerge.MergeAsync(table, address, stored => PullCursorTableEntity.ToProperties("x-search/brand#1", record)));
        var stored = (await table.GetAsync(address.PartitionKey, address.RowKey, default))!;
        Assert.IsType<string>(stored.Properties["Cursor"]);
        Assert.IsType<int>(stored.Properties["ConsecutiveFailures"]);
        Assert.IsType<DateTimeOffset>(stored.Properties["NextAttempt"]);
        var back = PullCursorTableEntity.ToRecord(stored.Properties);
        Assert.Equal(record.Cursor.ToJson(), back.Cursor.ToJson());
        Assert.Equal(record with { Cursor = back.Cursor }, back);

        var moved = record with { Cursor = new PullCursor { SinceId = "1897000000000000009" }, ConsecutiveFailures = 0, LastError = null };
        Assert.Equal(TableWriteOutcome.Written, await table.ReplaceAsync(address.PartitionKey, address.RowKey, PullCursorTableEntity.ToProperties("x-search/brand#1", moved), stored.ETag!, default));
        Assert.Equal(TableWriteOutcome.Conflict, await table.ReplaceAsync(address.PartitionKey, address.RowKey, PullCursorTableEntity.ToProperties("x-search/brand#1", record), stored.ETag!, default));
        var after = PullCursorTableEntity.ToRecord((await table.GetAsync(address.PartitionKey, address.RowKey, default))!.Properties);
        Assert.Equal("""{"sinceId":"1897000000000000009"}""", after.Cursor.ToJson());
        Assert.Null(after.LastError);
        Assert.Same(PullSourceRecord.New, PullCursorTableEntity.ToRecord((await table.GetAsync("pull", "never", default))?.Properties));
    }

    private static KpiAggregate Aggregate(KpiDelta delta)
    {
        var aggregate = new KpiAggregate();
        aggregate.Apply(delta);
        return aggregate;
    }

    private static void AssertSame(KpiAggregate expected, KpiAggregate actual)
    {
        var e = KpiTableEntity.ToProperties(Key, expected);
        var a = KpiTableEntity.ToProperties(Key, actual);
        Assert.Equal(e.Keys.Order(), a.Keys.Order());
        foreach (var (name, value) in e)
        {
            if (value is double d) Assert.Equal(d, (double)a[name], 9);
            else Assert.Equal(value, a[name]);
        }
    }

    /// <summary>Lets a rival merge (40 minutes of first reply) land between this merger's read and its write, once.</summary>
    private sealed class RivalFirst(TableRestClient table, KpiKey key) : ITableEntityPort
    {
        private bool _done;

        public Task<TableEntityData?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) => table.GetAsync(partitionKey, rowKey, cancellationToken);

        public async Task<TableWriteOutcome> InsertAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, CancellationToken cancellationToken)
        {
            await RivalAsync();
            return await table.InsertAsync(partitionKey, rowKey, properties, cancellationToken);
        }

        public async Task<TableWriteOutcome> ReplaceAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, string etag, CancellationToken cancellationToken)
        {
            await RivalAsync();
            return await table.ReplaceAsync(partitionKey, rowKey, properties, etag, cancellationToken);
        }

        private async Task RivalAsync()
        {
            if (_done) return;
            _done = true;
            await OptimisticMerge.RecordKpisAsync(table, [new RecordKpi(key, Answered(40))]);
        }
    }
}
