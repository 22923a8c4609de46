using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Cases;

public sealed class CaseClocksTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    [Fact]
    public void The_next_threshold_follows_the_clocks_as_they_fire_and_stop()
    {
        // A DM: 15-minute first reply (warning 7.5, at risk 12, breach 15).
        var state = CaseMachine.Create(new CaseId("x:b:dm"), Customer("1", 0, channel: Channel.Dm, threadKey: "pair"), Policy);
        state = CaseMachine.Apply(state, CaseEvent.CustomerMessage(At(0)), Policy, At(0)).State;
        Assert.Equal(At(7.5), CaseClocks.NextThresholdAt(state, Policy, At(1)));

        state = CaseMachine.Advance(state, Policy, At(8)).State;
        Assert.Equal(At(12), CaseClocks.NextThresholdAt(state, Policy, At(8)));

        // Answered: while the customer is silent nothing runs (an automatic resolution would end at this reply).
        state = CaseMachine.Apply(state, CaseEvent.BrandReply(At(10)), Policy, At(10)).State;
        Assert.Null(CaseClocks.NextThresholdAt(state, Policy, At(10)));

        // The customer writes again: the next-reply clock runs from there.
        state = CaseMachine.Apply(state, CaseEvent.CustomerMessage(At(20)), Policy, At(20)).State;
        Assert.Equal(At(27.5), CaseClocks.NextThresholdAt(state, Policy, At(20)));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(700)]
    public void The_cheap_next_threshold_equals_the_one_of_the_full_description(double minutes)
    {
        var state = CaseMachine.Create(new CaseId("x:b:1"), Customer("1", 0), Policy);
        state = CaseMachine.Apply(state, CaseEvent.CustomerMessage(At(0)), Policy, At(0)).State;
        state = CaseMachine.Apply(state, CaseEvent.Pause(At(2)), Policy, At(2)).State;
        state = CaseMachine.Apply(state, CaseEvent.Resume(At(5)), Policy, At(5)).State;
        state = CaseMachine.Advance(state, Policy, At(minutes)).State;
        var now = At(minutes);

        Assert.Equal(CaseClocks.NextThresholdAt(CaseClocks.Describe(state, Policy, now)), CaseClocks.NextThresholdAt(state, Policy, now));
    }
}
