using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
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
    /// <summary>What the Functions app does, in memory: every delivery and every wake-up runs through
    /// <see cref="PipelineTableStore"/>, and effects are executed only from the outbox (as EffectsRunner does), with the
    /// case timers fed by the outbox's clock updates (as the case orchestrations are).</summary>
    private sealed class TableHost
    {
        private readonly MemoryTransactionTable _table = new();
        private readonly Dictionary<CaseId, Instant> _timers = [];

        public KpiAggregate Kpis { get; } = new();

        public List<SlaAlert> Alerts { get; } = [];

        public async Task DeliverAsync(Mention mention, Instant now)
        {
            await RunTimersUntilAsync(now);
            var key = mention.IdempotencyKey.ToString();
            await PipelineTableStore.RunAsync(_table, mention.Account.Platform, Policy, key, state =>
            {
                var result = new MentionPipeline(Policy, state).Ingest(mention, now);
                return new PipelineStep<int>(0, result.Commands);
            });
            await DrainAsync(mention.Account.Platform, key);
        }

        public async Task RunTimersUntilAsync(Instant until)
        {
            while (_timers.Count > 0)
            {
                var (id, due) = _timers.MinBy(t => t.Value);
                if (due > until) break;
                _timers.Remove(id);
                var key = $"wake|{id}|{InstantNanos.ToNanos(due)}";
                var (next, _) = await PipelineTableStore.RunAsync(_table, PipelineTableEntity.PlatformOf(id), Policy, key, state =>
                {
                    var commands = new MentionPipeline(Policy, state).WakeUp(id, due, due);
                    return new PipelineStep<Instant?>(state.GetCase(id)?.NextWakeUp, commands);
                });
                await DrainAsync(PipelineTableEntity.PlatformOf(id), key);
                if (next is { } at) _timers[id] = at; // what WakeCase returns to the orchestration
            }
        }

        private async Task DrainAsync(Platform platform, string key)
        {
            var pending = await PipelineTableStore.ReadOutboxAsync(_table, platform, key);
            if (pending is null) return;
            foreach (var (_, delta) in pending.Effects.Kpis) Kpis.Merge(delta);
            Alerts.AddRange(pending.Effects.Alerts);
            foreach (var clock in pending.Effects.Clocks)
            {
                if (clock.Closed) _timers.Remove(clock.Case);
                else if (clock.WakeAt is { } at) _timers[clock.Case] = at;
            }
            Assert.True(await PipelineTableStore.CompleteOutboxAsync(_table, pending));
        }
    }

    [Fact]
    public async Task Scenario_FunctionsFlowThroughTablesAndOutbox_GivesTheSameKpisAndAlertsAsTheInMemoryHost()
    {
        var memory = new SimulatedHost();
        var tables = new TableHost();
        var deliveries = new List<(Mention Mention, Instant At)>();
        for (var c = 0; c < 12; c++)
        {
            var start = c * 7.0;
            var author = "3000" + c;
            var root = $"r{c}";
            deliveries.Add((Customer(root, start, author: author), At(start + 0.1)));
            if (c % 3 != 0) deliveries.Add((Reply($"b{c}", start + 4 + c, root), At(start + 4.2 + c)));
            if (c % 2 == 0) deliveries.Add((Customer($"f{c}", start + 30, $"b{c}", author: author), At(start + 30.1)));
            if (c % 4 == 1) deliveries.Add((Reply($"g{c}", start + 50, $"f{c}"), At(start + 50.1)));
            if (c % 5 == 0) deliveries.Add((Customer(root, start, author: author), At(start + 60))); // a redelivery
        }
        deliveries.Add((Customer("dm1", 3, threadKey: "t-1", channel: Channel.Dm), At(3)));
        deliveries.Add((Reply("dm2", 40, null, threadKey: "t-1", channel: Channel.Dm), At(40)));
        foreach (var (mention, at) in deliveries.OrderBy(d => d.At))
        {
            memory.Deliver(mention, at);
            await tables.DeliverAsync(mention, at);
        }
        var end = At(60 * 24 * 10); // past every reopen window: every case closes
        memory.RunUntil(end);
        await tables.RunTimersUntilAsync(end);

        Assert.NotEmpty(memory.Alerts);
        Assert.Equal(memory.Alerts.Select(a => a.Id.ToString()).Order(), tables.Alerts.Select(a => a.Id.ToString()).Order());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(KpiAggregateJson.ToUtf8(memory.Kpis)), System.Text.Encoding.UTF8.GetString(KpiAggregateJson.ToUtf8(tables.Kpis)));
    }
}
