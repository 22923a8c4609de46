using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Storage;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Pipeline;

public class PipelineEffectsTests
{
    private static readonly CaseId A = new("x:ContosoCoffee:1"), B = new("x:ContosoCoffee:2");

    [Fact]
    public void Of_SeveralWakeUpsForACase_KeepsTheLast()
    {
        var effects = PipelineEffects.Of([new ScheduleWakeUp(A, At(5)), new ScheduleWakeUp(B, At(1)), new ScheduleWakeUp(A, At(3))]);
        Assert.Equal([new CaseClockUpdate(A, At(3), false), new CaseClockUpdate(B, At(1), false)], effects.Clocks);
    }

    [Fact]
    public void Of_CloseAndWakeUp_CloseWins()
    {
        var effects = PipelineEffects.Of([new CloseCase(A, At(1)), new ScheduleWakeUp(A, At(5))]);
        Assert.True(effects.ClockOf(A).Closed);
        Assert.Equal(new CaseClockUpdate(B, null, false), effects.ClockOf(B));
    }

    [Fact]
    public void Of_KpisOfOneKey_AreCoalesced()
    {
        var key = new KpiKey(Brand, Channel.Mention, Priority.Normal, KpiKey.HourOf(T0));
        var effects = PipelineEffects.Of([new RecordKpi(key, new KpiDelta { Mentions = 1 }), new RecordKpi(key, new KpiDelta { Mentions = 2 })]);
        Assert.Equal(3, Assert.Single(effects.Kpis).Value.Mentions);
        Assert.True(PipelineEffects.None.IsEmpty);
        Assert.False(effects.IsEmpty);
    }

    [Fact]
    public void Json_EffectsOfARealRun_RoundTrip()
    {
        var host = new SimulatedHost();
        var commands = new List<CaseCommand>();
        commands.AddRange(host.Deliver(Customer("1", 0)).Commands);
        commands.AddRange(host.Pipeline.WakeUp(host.Deliver(Customer("2", 0, author: "9")).Case!.Value, At(200)));
        var effects = PipelineEffects.Of(commands);
        Assert.NotEmpty(effects.Alerts);

        var json = PipelineEffectsJson.ToJson(effects);
        var back = PipelineEffectsJson.Read(json);
        Assert.Equal(json, PipelineEffectsJson.ToJson(back));
        Assert.Equal(effects.Clocks, back.Clocks);
        Assert.Equal(effects.Alerts.Select(a => a.Id), back.Alerts.Select(a => a.Id));
    }

    [Fact]
    public void Json_NotEffects_IsAFormatError() =>
        Assert.Throws<FormatException>(() => PipelineEffectsJson.Read("{\"v\":1}"));

    [Fact]
    public void NeedsTimer_OnlyForAWakeUpOfACaseStillOpen()
    {
        Assert.True(new CaseClockUpdate(A, At(1), false).NeedsTimer);
        Assert.False(new CaseClockUpdate(A, At(1), true).NeedsTimer);
        Assert.False(new CaseClockUpdate(A, null, false).NeedsTimer);
    }

    [Fact]
    public void Combine_RunsTouchingOneKpiKey_WriteItOnceWithTheSum()
    {
        var key = new KpiKey(Brand, Channel.Mention, Priority.Normal, KpiKey.HourOf(T0));
        var other = key with { Channel = Channel.Dm };
        var first = PipelineEffects.Of([new RecordKpi(key, new KpiDelta { Mentions = 1 }), new ScheduleWakeUp(A, At(1))]);
        var second = PipelineEffects.Of([new RecordKpi(other, new KpiDelta { Mentions = 1 }), new RecordKpi(key, new KpiDelta { Mentions = 2 }), new CloseCase(B, At(2))]);

        var combined = PipelineEffects.Combine([first, second]);

        Assert.Equal([(key, 3L), (other, 1L)], combined.Kpis.Select(k => (k.Key, k.Value.Mentions)));
        Assert.Equal([new CaseClockUpdate(A, At(1), false), new CaseClockUpdate(B, null, true)], combined.Clocks);
        Assert.True(PipelineEffects.Combine([]).IsEmpty);
    }

    [Fact]
    public void Combine_UpdatesOfOneCase_KeepTheLaterWakeUpAndAClose()
    {
        var combined = PipelineEffects.Combine([
            PipelineEffects.Of([new ScheduleWakeUp(A, At(5))]), PipelineEffects.Of([new ScheduleWakeUp(A, At(2))]),
            PipelineEffects.Of([new CloseCase(B, At(1))]), PipelineEffects.Of([new ScheduleWakeUp(B, At(9))])]);
        Assert.Equal([new CaseClockUpdate(A, At(2), false), new CaseClockUpdate(B, null, true)], combined.Clocks);
    }
}
