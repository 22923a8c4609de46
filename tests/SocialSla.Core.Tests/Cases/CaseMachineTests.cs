using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Cases;

public class CaseMachineTests
{
    private static readonly SlaPolicy FifteenMinutes = SlaPolicy.Default.WithReplyTargetOverride(Duration.FromMinutes(15));

    [Fact]
    public void Apply_ReplyAtExactlyTheTarget_IsWithinTargetAndRaisesNoBreach()
    {
        var host = new SimulatedHost(FifteenMinutes);
        host.Deliver(Customer("1", 0));
        host.Deliver(Reply("2", 15, "1"));
        host.RunUntil(At(60));

        Assert.Equal([(ClockKind.FirstReply, ThresholdLevel.Warning), (ClockKind.FirstReply, ThresholdLevel.AtRisk)], host.AlertKeys);
        Assert.Equal(1, host.Kpis.FirstReplyWithin15m);
        Assert.Equal(900, host.Kpis.FirstReplySeconds);
    }

    [Fact]
    public void Apply_ReplyOneSecondLate_RaisesBreachOnceAtTheThreshold()
    {
        var host = new SimulatedHost(FifteenMinutes);
        host.Deliver(Customer("1", 0));
        host.RunUntil(At(15) + Duration.FromSeconds(1));
        host.Deliver(Reply("2", 15 + 1 / 60.0, "1"));
        host.RunAll();

        var breach = Assert.Single(host.Alerts, a => a.Clock == ClockKind.FirstReply && a.Kind == AlertKind.Breached);
        Assert.Equal(At(15), breach.ThresholdAt);
        Assert.Equal(At(15) + Duration.Epsilon, breach.RaisedAt);
        Assert.Equal(At(15), breach.DueAt);
        Assert.Equal(0, host.Kpis.FirstReplyWithin15m);
    }

    [Fact]
    public void Advance_TimersFireAtEachThresholdInOrder()
    {
        var host = new SimulatedHost(FifteenMinutes);
        host.Deliver(Customer("1", 0));
        host.RunUntil(At(60));

        Assert.Equal([AlertKind.Warning, AlertKind.AtRisk, AlertKind.Breached],
            host.Alerts.Where(a => a.Clock == ClockKind.FirstReply).Select(a => a.Kind));
        Assert.Equal([At(7.5), At(12), At(15)], host.Alerts.Where(a => a.Clock == ClockKind.FirstReply).Select(a => a.ThresholdAt));
        Assert.All(host.Alerts, a => Assert.Equal(a.ThresholdAt + Duration.Epsilon, a.RaisedAt));
    }

    [Fact]
    public void Advance_CalledTwiceAtTheSameInstant_RaisesNothingTwice()
    {
        var policy = FifteenMinutes;
        var state = CaseMachine.Create(new CaseId("x:b:1"), Customer("1", 0), policy);
        var first = CaseMachine.Apply(state, CaseEvent.CustomerMessage(At(0)), policy, At(60));
        var again = CaseMachine.Advance(first.State, policy, At(60));

        Assert.Equal(3, first.Commands.OfType<RaiseAlert>().Count(a => a.Alert.Clock == ClockKind.FirstReply));
        Assert.Empty(again.Commands.OfType<RaiseAlert>());
        Assert.Empty(again.Commands.OfType<Core.Cases.RecordKpi>());
    }

    [Fact]
    public void Apply_FollowUpAfterReply_RunsANextReplyClock()
    {
        var host = new SimulatedHost(FifteenMinutes);
        host.Deliver(Customer("1", 0));
        host.Deliver(Reply("2", 5, "1"));
        host.Deliver(Customer("3", 10, "2"));
        host.RunUntil(At(40));
        host.Deliver(Reply("4", 40, "3"));
        host.RunAll();

        Assert.Equal([AlertKind.Warning, AlertKind.AtRisk, AlertKind.Breached],
            host.Alerts.Where(a => a.Clock == ClockKind.NextReply).Select(a => a.Kind));
        Assert.DoesNotContain(host.Alerts, a => a.Clock == ClockKind.FirstReply);
        Assert.Equal(2, host.Kpis.ResponseCount);
        Assert.Equal(5 * 60 + 30 * 60, host.Kpis.ResponseSeconds);
        Assert.Equal(1, host.Kpis.FirstReplyCount);
    }

    [Fact]
    public void Apply_AutomatedReply_FulfilsNoClock()
    {
        var host = new SimulatedHost(FifteenMinutes);
        host.Deliver(Customer("1", 0));
        host.Deliver(Reply("2", 1, "1", automated: true));
        host.RunUntil(At(30));

        Assert.Contains((ClockKind.FirstReply, ThresholdLevel.Breached), host.AlertKeys);
        Assert.Equal(0, host.Kpis.CasesAnswered);
        Assert.Equal(0, host.Kpis.FirstReplyCount);
    }

    [Fact]
    public void Apply_BotMarkerInPolicy_MarksTheReplyAutomated()
    {
        var policy = new SlaPolicy([], botMarkers: ["#autoreply"]).WithReplyTargetOverride(Duration.FromMinutes(15));
        var host = new SimulatedHost(policy);
        host.Deliver(Customer("1", 0));
        host.Deliver(Reply("2", 1, "1", text: "Thanks for reaching out! #AutoReply"));
        host.RunUntil(At(30));

        Assert.Contains((ClockKind.FirstReply, ThresholdLevel.Breached), host.AlertKeys);
    }

    [Fact]
    public void Apply_NonActionableMessage_StartsNoClockButAReplyOpensTheCaseRetroactively()
    {
        var host = new SimulatedHost(FifteenMinutes);
        host.Deliver(Customer("1", 0, actionable: false));
        host.RunUntil(At(45));
        Assert.Empty(host.Alerts);
        Assert.Equal(0, host.Kpis.CasesOpened);

        host.Deliver(Reply("2", 45, "1"));
        Assert.Empty(host.Alerts);
        Assert.Equal(1, host.Kpis.CasesOpened);
        Assert.Equal(1, host.Kpis.CasesAnswered);
        Assert.Equal(45 * 60, host.Kpis.FirstReplySeconds);
    }

    [Fact]
    public void Advance_SilenceAfterReply_ResolvesAutomaticallyWithResolutionEndingAtTheReply()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0));
        host.Deliver(Reply("2", 20, "1"));
        host.RunUntil(At(20) + Duration.FromHours(24) - Duration.Epsilon);
        Assert.Equal(0, host.Kpis.CasesResolved);

        host.RunUntil(At(20) + Duration.FromHours(24));
        Assert.Equal(1, host.Kpis.CasesResolved);
        Assert.Equal(1, host.Kpis.ResolutionCount);
        Assert.Equal(20 * 60, host.Kpis.ResolutionSeconds);
        Assert.DoesNotContain(host.Alerts, a => a.Clock == ClockKind.Resolution);
    }

    [Fact]
    public void Apply_CustomerWritesAfterAutoResolution_ReopensAndRetractsTheResolution()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0));
        host.Deliver(Reply("2", 20, "1"));
        var later = At(20) + Duration.FromHours(30);
        host.Deliver(Customer("3", (later - T0).TotalMinutes, "2"));

        Assert.Equal(1, host.Kpis.CasesOpened);
        Assert.Equal(1, host.Kpis.CasesReopened);
        Assert.Equal(0, host.Kpis.CasesResolved);
        Assert.Equal(0, host.Kpis.ResolutionCount);
        // The resolution clock kept its start: it was due 24 h after the first message, and it is running again now.
        Assert.Contains(host.Alerts, a => a.Clock == ClockKind.Resolution && a.Kind == AlertKind.Breached && a.RaisedAt == later);
    }

    [Fact]
    public void Apply_CustomerWritesAfterTheReopenWindow_StartsANewCase()
    {
        var host = new SimulatedHost();
        var first = host.Deliver(Customer("1", 0));
        host.Deliver(Reply("2", 20, "1"));
        var muchLater = Duration.FromHours(24 + 72 + 1).TotalMinutes + 20;
        var second = host.Deliver(Customer("3", muchLater, "2"));

        Assert.NotEqual(first.Case, second.Case);
        Assert.EndsWith("#2", second.Case!.Value.Value);
        Assert.Contains(first.Case!.Value, host.Closed);
        Assert.Equal(2, host.Kpis.CasesOpened);
        Assert.Equal(0, host.Kpis.CasesReopened);
    }

    [Fact]
    public void Apply_ExplicitResolve_StopsTheClocks()
    {
        var host = new SimulatedHost(FifteenMinutes);
        var opened = host.Deliver(Customer("1", 0));
        host.Apply(opened.Case!.Value, CaseEvent.Resolve(At(5)), At(5));
        host.RunAll();

        Assert.Empty(host.Alerts);
        Assert.Equal(1, host.Kpis.CasesResolved);
        Assert.Equal(300, host.Kpis.ResolutionSeconds);
        Assert.Equal(0, host.Kpis.CasesAnswered);
    }

    [Fact]
    public void Apply_Pause_ShiftsThresholdsByThePausedTime()
    {
        var host = new SimulatedHost(FifteenMinutes);
        var opened = host.Deliver(Customer("1", 0));
        host.Apply(opened.Case!.Value, CaseEvent.Pause(At(5)), At(5));
        host.Apply(opened.Case!.Value, CaseEvent.Resume(At(65)), At(65));
        host.RunUntil(At(120));

        Assert.Equal([At(7.5 + 60), At(12 + 60), At(15 + 60)],
            host.Alerts.Where(a => a.Clock == ClockKind.FirstReply).Select(a => a.ThresholdAt));
    }

    [Fact]
    public void Apply_MessengerDm_WarnsBeforeTheReplyWindowCloses()
    {
        var page = new PlatformAccountId(Platform.Messenger, "104857600123456");
        var host = new SimulatedHost();
        host.Deliver(Customer("m1", 0, channel: Channel.Dm, threadKey: "104857600123456:77", account: page));
        host.Deliver(Customer("m2", 60, channel: Channel.Dm, threadKey: "104857600123456:77", account: page));
        host.RunAll();

        var closing = Assert.Single(host.Alerts, a => a.Kind == AlertKind.ReplyWindowClosing);
        Assert.Equal(At(60) + Duration.FromHours(23), closing.ThresholdAt);
        Assert.Equal(At(60) + Duration.FromHours(24), closing.DueAt);
    }

    [Fact]
    public void Apply_HigherPriorityMessage_ShortensThePublicTarget()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0));
        host.Deliver(Customer("2", 1, "1", priority: Priority.Urgent));
        host.RunUntil(At(20));

        Assert.Contains(host.Alerts, a => a.Clock == ClockKind.FirstReply && a.Kind == AlertKind.Breached && a.ThresholdAt == At(15));
        Assert.All(host.Alerts, a => Assert.Equal(Priority.Urgent, a.Priority));
    }

    [Fact]
    public void Apply_PublicMentionByDefault_HasAOneHourTarget()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0));
        host.RunUntil(At(59));
        Assert.Equal([AlertKind.Warning, AlertKind.AtRisk], host.Alerts.Select(a => a.Kind));
        Assert.Equal(At(30), host.Alerts[0].ThresholdAt);
    }
}
