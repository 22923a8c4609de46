using System.Text.Json;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Alerts;

/// <summary>Which PagerDuty incidents of a case are resolved, and the acknowledge and resolve events' shape.</summary>
public sealed class PagerDutyLifecycleTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default.WithReplyTargetOverride(Duration.FromMinutes(15));

    private static (SimulatedHost Host, CaseId Case, string FirstReply, string Resolution) BreachedCase()
    {
        var host = new SimulatedHost(Policy);
        var result = host.Deliver(Customer("1", 0));
        host.RunUntil(At(16));
        var caseId = result.Case!.Value;
        string Key(ClockKind clock) => PagerDutyEventPayload.DedupKey(new AlertId(caseId, new AlertKey(clock, 0, ThresholdLevel.Breached)));
        return (host, caseId, Key(ClockKind.FirstReply), Key(ClockKind.Resolution));
    }

    [Fact]
    public void ToResolve_WhileTheClockRuns_IsEmpty()
    {
        var (host, caseId, firstReply, resolution) = BreachedCase();
        Assert.Empty(PagerDutyLifecycle.ToResolve(caseId, host.State.GetCase(caseId), Policy, At(16), [firstReply, resolution]));
    }

    [Fact]
    public void ToResolve_AfterABrandReply_ResolvesWhatWasPagedOfTheStoppedClocks()
    {
        var (host, caseId, firstReply, resolution) = BreachedCase();
        host.Deliver(Reply("2", 20, "1"));
        // The reply stops the first-reply clock, and the resolution clock waits for the customer.
        Assert.Equal([firstReply, resolution], PagerDutyLifecycle.ToResolve(caseId, host.State.GetCase(caseId), Policy, At(20), [firstReply, resolution]).Order());
        Assert.Equal([firstReply], PagerDutyLifecycle.ToResolve(caseId, host.State.GetCase(caseId), Policy, At(20), [firstReply]));
    }

    [Fact]
    public void ToResolve_CustomerWritesAgain_TheNewRunningClocksIncidentStays()
    {
        var (host, caseId, firstReply, _) = BreachedCase();
        host.Deliver(Reply("2", 20, "1"));
        host.Deliver(Customer("3", 25, "2"));
        host.RunUntil(At(45));
        var nextReply = PagerDutyEventPayload.DedupKey(new AlertId(caseId, new AlertKey(ClockKind.NextReply, 0, ThresholdLevel.Breached)));
        Assert.Contains(host.Alerts, a => a.Clock == ClockKind.NextReply && a.Kind == AlertKind.Breached);
        Assert.Equal([firstReply], PagerDutyLifecycle.ToResolve(caseId, host.State.GetCase(caseId), Policy, At(45), [firstReply, nextReply]));
    }

    [Fact]
    public void ToResolve_ResolvedOrGoneCase_ResolvesEverythingPaged()
    {
        var (host, caseId, firstReply, resolution) = BreachedCase();
        host.Apply(caseId, CaseEvent.Resolve(At(20)), At(20));
        Assert.Equal([firstReply, resolution], PagerDutyLifecycle.ToResolve(caseId, host.State.GetCase(caseId), Policy, At(20), [firstReply, resolution]).Order());
        Assert.Equal([firstReply], PagerDutyLifecycle.ToResolve(caseId, null, Policy, At(20), [firstReply]));
    }

    [Fact]
    public void Build_AcknowledgeAndResolve_CarryTheKeyAndNoPayload_TriggerIsRefused()
    {
        foreach (var (action, name) in new[] { (PagerDutyAction.Acknowledge, "acknowledge"), (PagerDutyAction.Resolve, "resolve") })
        {
            var body = JsonDocument.Parse(PagerDutyLifecycle.Build("x:ContosoCoffee:1/firstReply.0", action, "KEY")).RootElement;
            Assert.Equal("KEY", body.GetProperty("routing_key").GetString());
            Assert.Equal(name, body.GetProperty("event_action").GetString());
            Assert.Equal("x:ContosoCoffee:1/firstReply.0", body.GetProperty("dedup_key").GetString());
            Assert.False(body.TryGetProperty("payload", out _));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => PagerDutyLifecycle.Build("k", PagerDutyAction.Trigger, "KEY"));
    }
}
