using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Standalone.Cli;
using SocialSla.Standalone.Generate;
using SocialSla.Standalone.Replay;

namespace SocialSla.Standalone.Tests.Replay;

public partial class ReplayRunnerTests
{
    /// <summary>The straightforward replay: one pipeline, every mention in global creation order, one timer queue.</summary>
    private static (KpiAggregate Total, long Alerts, long Duplicates) GlobalOrder(IReadOnlyList<Mention> mentions, SlaPolicy policy,
        Core.Triage.MentionTriage? triage = null, Func<Mention, Mention>? prepare = null)
    {
        var state = new InMemoryPipelineState();
        var pipeline = new MentionPipeline(policy, state, triage);
        var timers = new PriorityQueue<CaseId, Instant>();
        var total = new KpiAggregate();
        long alerts = 0, duplicates = 0;
        void Execute(IReadOnlyList<CaseCommand> commands)
        {
            foreach (var command in commands)
            {
                if (command is RecordKpi kpi) total.Apply(kpi.Delta);
                else if (command is ScheduleWakeUp wake) timers.Enqueue(wake.Case, wake.At);
                else if (command is RaiseAlert) alerts++;
            }
        }
        void RunTimers(Instant until)
        {
            while (timers.TryPeek(out var id, out var due) && due <= until)
            {
                timers.Dequeue();
                if (state.GetCase(id)?.NextWakeUp == due) Execute(pipeline.WakeUp(id, due));
            }
        }
        foreach (var mention in mentions.Select((m, i) => (m, i)).OrderBy(p => p.m.CreatedAt).ThenBy(p => p.i).Select(p => p.m))
        {
            RunTimers(mention.CreatedAt);
            var result = pipeline.Ingest(prepare is null ? mention : prepare(mention), mention.CreatedAt);
            if (result.Outcome == IngestOutcome.Duplicate) duplicates++;
            Execute(result.Commands);
        }
        RunTimers(Instant.MaxValue);
        return (total, alerts, duplicates);
    }

    [Theory]
    [InlineData(GenerateFormat.Twcs, 11, 1)]
    [InlineData(GenerateFormat.Twcs, 11, 3)]
    [InlineData(GenerateFormat.Jsonl, 12, 2)]
    public void Run_ConversationByConversation_EqualsOnePipelineInGlobalTimeOrder(GenerateFormat format, int seed, int workers)
    {
        var mentions = TrafficGenerator.Generate(new GenerateOptions(20_000, seed, format, GenerateCommand.DefaultStart)).ToList();
        var policy = SlaPolicy.Default.WithReplyTargetOverride(Duration.FromMinutes(15));

        var expected = GlobalOrder(mentions, policy);
        var actual = ReplayRunner.Run(mentions, policy, mentions.Count, 0, workers);

        Assert.Equal(expected.Duplicates, actual.Duplicates);
        Assert.Equal(expected.Alerts, actual.Alerts);
        AssertSame(expected.Total, actual.Total);
        Assert.True(actual.Total.CasesOpened > 5000);
    }

    private static void AssertSame(KpiAggregate expected, KpiAggregate actual)
    {
        Assert.Equal(expected.Mentions, actual.Mentions);
        Assert.Equal(expected.Actionable, actual.Actionable);
        Assert.Equal(expected.Noise, actual.Noise);
        Assert.Equal(expected.NegativeMessages, actual.NegativeMessages);
        Assert.Equal(expected.PositiveMessages, actual.PositiveMessages);
        Assert.Equal(expected.CasesOpened, actual.CasesOpened);
        Assert.Equal(expected.CasesAnswered, actual.CasesAnswered);
        Assert.Equal(expected.CasesResolved, actual.CasesResolved);
        Assert.Equal(expected.CasesReopened, actual.CasesReopened);
        Assert.Equal(expected.FirstReplyCount, actual.FirstReplyCount);
        Assert.Equal(expected.FirstReplySeconds, actual.FirstReplySeconds, 6);
        Assert.Equal(expected.FirstReplyWithin15m, actual.FirstReplyWithin15m);
        Assert.Equal(expected.ResponseCount, actual.ResponseCount);
        Assert.Equal(expected.ResponseSeconds, actual.ResponseSeconds, 6);
        Assert.Equal(expected.ResolutionSeconds, actual.ResolutionSeconds, 6);
        Assert.Equal(expected.FirstReplySketch!.Buckets(), actual.FirstReplySketch!.Buckets());
        foreach (var clock in Enum.GetValues<ClockKind>())
        foreach (var level in Enum.GetValues<ThresholdLevel>())
            Assert.Equal(expected.AlertCount(clock, level), actual.AlertCount(clock, level));
    }
}
