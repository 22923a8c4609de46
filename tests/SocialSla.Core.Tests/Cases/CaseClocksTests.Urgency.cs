using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Cases;

/// <summary>The board colour of a case (issue #7).</summary>
public sealed class CaseClocksUrgencyTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    [Theory]
    [InlineData(1, CaseUrgency.Running)]
    [InlineData(7.5, CaseUrgency.Running)] // exactly half: the warning fires strictly after it
    [InlineData(8, CaseUrgency.Warning)]
    [InlineData(12.5, CaseUrgency.AtRisk)]
    [InlineData(15, CaseUrgency.AtRisk)]
    [InlineData(16, CaseUrgency.Breached)]
    public void Urgency_of_an_unanswered_dm_follows_the_share_of_its_15_minute_target(double minutes, CaseUrgency expected)
    {
        var state = CaseMachine.Create(new CaseId("x:b:dm"), Customer("1", 0, channel: Channel.Dm, threadKey: "pair"), Policy);
        state = CaseMachine.Apply(state, CaseEvent.CustomerMessage(At(0)), Policy, At(0)).State;

        Assert.Equal(expected, CaseClocks.Urgency(CaseClocks.Describe(state, Policy, At(minutes))));
    }

    [Fact]
    public void Urgency_ignores_a_stopped_breached_clock_and_is_idle_when_nothing_runs()
    {
        var state = CaseMachine.Create(new CaseId("x:b:dm"), Customer("1", 0, channel: Channel.Dm, threadKey: "pair"), Policy);
        state = CaseMachine.Apply(state, CaseEvent.CustomerMessage(At(0)), Policy, At(0)).State;
        state = CaseMachine.Apply(state, CaseEvent.BrandReply(At(20)), Policy, At(20)).State; // answered late

        var clocks = CaseClocks.Describe(state, Policy, At(21));

        Assert.Contains(clocks, c => c.State == ClockState.Breached);
        Assert.NotEqual(CaseUrgency.Breached, CaseClocks.Urgency(clocks));
    }

    [Fact]
    public void Urgency_of_a_paused_clock_is_paused_unless_another_is_breached()
    {
        ClockStatus Clock(ClockState state, double elapsedMinutes) => new(ClockKind.FirstReply, 0, Instant.FromUnixTimeSeconds(0), null,
            Duration.FromMinutes(15), null, Duration.FromMinutes(elapsedMinutes), state, null, null);

        Assert.Equal(CaseUrgency.Paused, CaseClocks.Urgency([Clock(ClockState.Paused, 13)]));
        Assert.Equal(CaseUrgency.Breached, CaseClocks.Urgency([Clock(ClockState.Paused, 3), Clock(ClockState.Breached, 16)]));
        Assert.Equal(CaseUrgency.Idle, CaseClocks.Urgency([]));
    }
}
