using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Standalone.Tests.Azure;

/// <summary>Core's pipeline-state store (what the Functions app's ProcessMention and case clock run on) against a real
/// Table service: entity group transactions with ETags, claim entities that read as absent, the outbox.</summary>
public sealed class PipelineStoreContractTests(AzuriteTableService azurite) : IClassFixture<AzuriteTableService>, IDisposable
{
    private static readonly PlatformAccountId Brand = new(Platform.X, "ContosoCoffee");
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 22, 9, 0);
    private static readonly SlaPolicy Policy = SlaPolicy.Default;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    private async Task<TableRestClient> NewTableAsync()
    {
        var table = new TableRestClient(_http, azurite.Endpoint, AzuriteTableService.Account, AzuriteTableService.Key,
            "p" + Guid.NewGuid().ToString("N")[..20]);
        await table.CreateTableAsync();
        return table;
    }

    private static Mention Message(string id, double minutes, string? parent, bool fromBrand) => new()
    {
        Id = new MentionId(Platform.X, id),
        Channel = Channel.Mention,
        Account = Brand,
        ParentId = parent is null ? null : new MentionId(Platform.X, parent),
        Author = fromBrand ? new Author(Brand.Value) : new Author("200001", "cust"),
        FromBrand = fromBrand,
        Text = fromBrand ? "@cust sorry, we are on it" : "@ContosoCoffee my order never arrived",
        CreatedAt = T0 + Duration.FromMinutes(minutes),
        ReceivedAt = T0 + Duration.FromMinutes(minutes),
    };

    private static Task<(IngestOutcome Result, int Conflicts)> DeliverAsync(ITableTransactionPort table, Mention mention) =>
        PipelineTableStore.RunAsync(table, Platform.X, Policy, mention.IdempotencyKey.ToString(), state =>
        {
            var result = new MentionPipeline(Policy, state).Ingest(mention, mention.ReceivedAt);
            return new PipelineStep<IngestOutcome>(result.Outcome, result.Commands);
        });

    [Fact]
    public async Task A_conversation_commits_atomically_with_its_outbox_and_a_redelivery_writes_nothing()
    {
        var table = await NewTableAsync();
        var partition = PipelineTableEntity.PartitionKey(Platform.X);
        Assert.Equal(IngestOutcome.Applied, (await DeliverAsync(table, Message("1", 0, null, false))).Result);
        Assert.Equal(IngestOutcome.Applied, (await DeliverAsync(table, Message("2", 5, "1", true))).Result);
        Assert.Equal(IngestOutcome.Applied, (await DeliverAsync(table, Message("3", 9, "2", false))).Result);
        Assert.Equal(IngestOutcome.Duplicate, (await DeliverAsync(table, Message("1", 0, null, false))).Result);

        var state = new StagedPipelineState(Platform.X, Policy);
        var caseId = new CaseId("x:ContosoCoffee:1");
        var row = PipelineTableEntity.CaseRow(caseId);
        state.Load(row, await table.GetAsync(partition, row, default));
        Assert.Equal([TimelineEntryKind.CustomerMessage, TimelineEntryKind.BrandReply, TimelineEntryKind.CustomerMessage],
            state.GetCase(caseId)!.Timeline.Select(e => e.Kind));

        var pending = await PipelineTableStore.ReadOutboxAsync(table, Platform.X, Message("1", 0, null, false).IdempotencyKey.ToString());
        Assert.NotNull(pending);
        Assert.NotEmpty(pending.Effects.Kpis);
        Assert.True(await PipelineTableStore.CompleteOutboxAsync(table, pending));
        Assert.False(await PipelineTableStore.CompleteOutboxAsync(table, pending));
    }

    [Fact]
    public async Task Unconfirmed_outbox_rows_are_found_by_the_sweep_filter_once_stale_and_name_their_run()
    {
        var table = await NewTableAsync();
        var first = Message("1", 0, null, false);
        await DeliverAsync(table, first);
        await DeliverAsync(table, Message("2", 5, "1", true));
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant();

        var stale = await table.QueryAsync(PipelineTableEntity.StaleOutboxFilter(now + NodaTime.Duration.FromMinutes(5)));
        var fresh = await table.QueryAsync(PipelineTableEntity.StaleOutboxFilter(now - NodaTime.Duration.FromMinutes(5)));

        Assert.Empty(fresh);
        var runs = stale.Select(e => PipelineTableEntity.OutboxOf(e.PartitionKey, e.RowKey)).ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(Platform.X, r.Platform));
        Assert.Contains(first.IdempotencyKey.ToString(), runs.Select(r => r.RunKey));
        Assert.NotNull(await PipelineTableStore.ReadOutboxAsync(table, runs[0].Platform, runs[0].RunKey));
    }

    [Fact]
    public async Task A_row_read_as_absent_is_claimed_so_a_rival_that_creates_it_makes_the_commit_start_over()
    {
        var table = await NewTableAsync();
        var partition = PipelineTableEntity.PartitionKey(Platform.X);
        await DeliverAsync(table, Message("1", 0, null, false));
        var rival = true;
        var (outcome, conflicts) = await PipelineTableStore.RunAsync(table, Platform.X, Policy, "follow-up", state =>
        {
            // The follow-up reads the reply's root row (absent: the reply is not there yet); the rival commits the reply
            // between this run's reads and its commit, once.
            var result = new MentionPipeline(Policy, state).Ingest(Message("3", 9, "2", false), T0 + Duration.FromMinutes(9));
            if (rival && state is StagedPipelineState staged && staged.Missing.Count == 0)
            {
                rival = false;
                DeliverAsync(table, Message("2", 5, "1", true)).GetAwaiter().GetResult();
            }
            return new PipelineStep<IngestOutcome>(result.Outcome, result.Commands);
        });

        Assert.Equal(IngestOutcome.Applied, outcome);
        Assert.Equal(1, conflicts);
        var root = await table.GetAsync(partition, PipelineTableEntity.RootRow(new MentionId(Platform.X, "3")), default);
        Assert.Equal("1", PipelineTableEntity.ToRoot(root!.Properties));
        var claim = await table.GetAsync(partition, PipelineTableEntity.ConversationRow(new ConversationKey(Platform.X, "", "3")), default);
        Assert.True(claim is null || claim.Properties.Count == 0);
    }
}
