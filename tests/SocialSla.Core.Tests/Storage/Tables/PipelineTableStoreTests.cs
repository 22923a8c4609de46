using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage;
using SocialSla.Core.Storage.Tables;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Storage.Tables;

public partial class PipelineTableStoreTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    private static async Task<IngestResult> DeliverAsync(MemoryTransactionTable table, Mention mention, Instant now)
    {
        var (result, _) = await PipelineTableStore.RunAsync(table, mention.Id.Platform, Policy, mention.IdempotencyKey.ToString(), state =>
        {
            var ingested = new MentionPipeline(Policy, state).Ingest(mention, now);
            return new PipelineStep<IngestResult>(ingested, ingested.Commands);
        });
        return result;
    }

    private static async Task<IReadOnlyList<CaseCommand>> WakeAsync(MemoryTransactionTable table, CaseId id, Instant requestedAt, Instant now)
    {
        var (commands, _) = await PipelineTableStore.RunAsync(table, PipelineTableEntity.PlatformOf(id), Policy, $"wake|{id}|{requestedAt}", state =>
        {
            var woken = new MentionPipeline(Policy, state).WakeUp(id, requestedAt, now);
            return new PipelineStep<IReadOnlyList<CaseCommand>>(woken, woken);
        });
        return commands;
    }

    private static string Json(IReadOnlyList<CaseCommand> commands) => PipelineEffectsJson.ToJson(PipelineEffects.Of(commands));

    [Fact]
    public async Task RunAsync_Conversations_GiveTheSameResultsAsTheInMemoryState()
    {
        var table = new MemoryTransactionTable();
        var memory = new MentionPipeline(Policy, new InMemoryPipelineState());
        Mention[] deliveries =
        [
            Customer("1", 0),
            Customer("3", 9, "2"),          // overtakes the reply it answers: taken for a chain of its own
            Reply("2", 5, "1"),             // shows its parent: the two chains merge
            Customer("4", 9, author: "200002"),
            Customer("5", 10, threadKey: "dm-7", channel: Channel.Dm),
            Reply("6", 12, null, threadKey: "dm-7", channel: Channel.Dm),
            Customer("1", 0),               // a redelivery
        ];
        var wakeUps = new List<ScheduleWakeUp>();
        var minute = 10;
        foreach (var mention in deliveries)
        {
            var now = At(minute++);
            var expected = memory.Ingest(mention, now);
            var actual = await DeliverAsync(table, mention, now);
            Assert.Equal(expected.Outcome, actual.Outcome);
            Assert.Equal(expected.Case, actual.Case);
            Assert.Equal(Json(expected.Commands), Json(actual.Commands));
            wakeUps.AddRange(expected.Commands.OfType<ScheduleWakeUp>());
        }
        Assert.NotEmpty(wakeUps);
        foreach (var wake in wakeUps)
        {
            var at = wake.At + Duration.FromSeconds(1);
            Assert.Equal(Json(memory.WakeUp(wake.Case, wake.At, at)), Json(await WakeAsync(table, wake.Case, wake.At, at)));
        }
    }

    [Fact]
    public async Task RunAsync_Redelivery_IsADuplicateAndLeavesTheFirstOutboxAlone()
    {
        var table = new MemoryTransactionTable();
        var first = await DeliverAsync(table, Customer("1", 0), At(1));
        var pending = await PipelineTableStore.ReadOutboxAsync(table, Platform.X, Customer("1", 0).IdempotencyKey.ToString());
        var again = await DeliverAsync(table, Customer("1", 0), At(2));

        Assert.Equal(IngestOutcome.Applied, first.Outcome);
        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.NotNull(pending);
        Assert.Equal(Json(first.Commands), PipelineEffectsJson.ToJson(pending.Effects));
        var still = await PipelineTableStore.ReadOutboxAsync(table, Platform.X, Customer("1", 0).IdempotencyKey.ToString());
        Assert.Equal(pending.ETag, still!.ETag);
    }

    [Fact]
    public async Task CompleteOutboxAsync_DeletesTheEntryOnce()
    {
        var table = new MemoryTransactionTable();
        var key = Customer("1", 0).IdempotencyKey.ToString();
        await DeliverAsync(table, Customer("1", 0), At(1));
        var pending = await PipelineTableStore.ReadOutboxAsync(table, Platform.X, key);

        Assert.True(await PipelineTableStore.CompleteOutboxAsync(table, pending!));
        Assert.False(await PipelineTableStore.CompleteOutboxAsync(table, pending!));
        Assert.Null(await PipelineTableStore.ReadOutboxAsync(table, Platform.X, key));
    }

    [Fact]
    public async Task RunAsync_RivalCommitOnTheSameConversation_IsRetriedFromFreshReadsAndLosesNothing()
    {
        var table = new MemoryTransactionTable();
        await DeliverAsync(table, Customer("1", 0), At(0));
        table.BeforeSubmit = async () => await DeliverAsync(table, Reply("2", 5, "1"), At(5));
        var followUp = await DeliverAsync(table, Customer("3", 9, "2"), At(9));

        Assert.True(table.Conflicts >= 1);
        Assert.Equal(IngestOutcome.Applied, followUp.Outcome);
        var state = new StagedPipelineState(Platform.X, Policy);
        var row = PipelineTableEntity.CaseRow(followUp.Case!.Value);
        state.Load(row, await table.GetAsync(state.PartitionKey, row, default));
        var stored = state.GetCase(followUp.Case!.Value)!;
        Assert.Equal([TimelineEntryKind.CustomerMessage, TimelineEntryKind.BrandReply, TimelineEntryKind.CustomerMessage],
            stored.Timeline.Select(e => e.Kind));
    }

    [Fact]
    public async Task RunAsync_WakeUpRetriedAfterItCommitted_ProducesNothingButTheOutboxKeepsTheEffects()
    {
        var table = new MemoryTransactionTable();
        var opened = await DeliverAsync(table, Customer("1", 0), At(0));
        var wake = opened.Commands.OfType<ScheduleWakeUp>().First();
        var at = wake.At + Duration.FromSeconds(1);
        var first = await WakeAsync(table, wake.Case, wake.At, at);
        var retry = await WakeAsync(table, wake.Case, wake.At, at);

        Assert.NotEmpty(first);
        Assert.Empty(retry);
        var pending = await PipelineTableStore.ReadOutboxAsync(table, Platform.X, $"wake|{wake.Case}|{wake.At}");
        Assert.Equal(Json(first), PipelineEffectsJson.ToJson(pending!.Effects));
    }

    [Fact]
    public async Task RunAsync_SameRunKeyWithNewEffects_KeepsTheUnconfirmedOnes()
    {
        var table = new MemoryTransactionTable();
        var policy = Policy;
        Task<(int, int)> Run(Mention mention) => PipelineTableStore.RunAsync(table, Platform.X, policy, "same", state =>
        {
            var result = new MentionPipeline(policy, state).Ingest(mention, mention.CreatedAt);
            return new PipelineStep<int>(result.Commands.Count, result.Commands);
        });
        var (a, _) = await Run(Customer("1", 0));
        var (b, _) = await Run(Customer("9", 1, author: "200009"));
        var pending = await PipelineTableStore.ReadOutboxAsync(table, Platform.X, "same");
        Assert.Equal(2, pending!.Effects.Clocks.Count);
        Assert.True(a > 0 && b > 0);
    }

    [Fact]
    public async Task RunAsync_RunThatChangesNothing_WritesNothing()
    {
        var table = new MemoryTransactionTable();
        await DeliverAsync(table, Customer("1", 0), At(0));
        var submits = table.Submits;
        await DeliverAsync(table, Customer("1", 0), At(1));
        Assert.Equal(submits, table.Submits);
    }

    [Fact]
    public async Task RunAsync_RowsThatNeverSettle_GiveUpWithoutWriting()
    {
        var table = new MemoryTransactionTable();
        var partition = PipelineTableEntity.PartitionKey(Platform.X);
        var outbox = PipelineTableEntity.OutboxRow("k");
        var rivalProperties = PipelineTableEntity.ChunkedText(PipelineEffectsJson.ToJson(PipelineEffects.None));
        var error = await Assert.ThrowsAsync<TableConcurrencyException>(() => PipelineTableStore.RunAsync(table, Platform.X, Policy, "k", state =>
        {
            table.BeforeSubmit = async () =>
            {
                var existing = await table.GetAsync(partition, outbox, default);
                if (existing is null) await table.InsertAsync(partition, outbox, rivalProperties, default);
                else await table.ReplaceAsync(partition, outbox, rivalProperties, existing.ETag!, default);
            };
            var result = new MentionPipeline(Policy, state).Ingest(Customer("1", 0), At(0));
            return new PipelineStep<int>(0, result.Commands);
        }, maxAttempts: 3));

        Assert.Contains("3 attempts", error.Message);
        Assert.DoesNotContain(table.RowKeys(partition), r => r.StartsWith("case|", StringComparison.Ordinal));
    }
}
