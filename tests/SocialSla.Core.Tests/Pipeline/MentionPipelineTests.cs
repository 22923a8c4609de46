using NodaTime;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Pipeline;

public class MentionPipelineTests
{
    [Fact]
    public void Ingest_SameDeliveryTwice_ChangesNothingTheSecondTime()
    {
        var host = new SimulatedHost();
        var first = host.Deliver(Customer("1", 0));
        var again = host.Deliver(Customer("1", 0), At(1));

        Assert.Equal(IngestOutcome.Applied, first.Outcome);
        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.Empty(again.Commands);
        Assert.Equal(1, host.Kpis.Mentions);
        Assert.Equal(1, host.Kpis.CasesOpened);
    }

    [Fact]
    public void Ingest_EditOfAKnownMessage_IsCountedOnceAndTouchesNoClock()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0));
        var edit = host.Deliver(Customer("1", 2, verb: MentionVerb.Edit));
        var editAgain = host.Deliver(Customer("1", 3, verb: MentionVerb.Edit));

        Assert.Equal(IngestOutcome.Updated, edit.Outcome);
        Assert.Equal(IngestOutcome.Duplicate, editAgain.Outcome);
        Assert.Equal(1, host.Kpis.Mentions);
    }

    [Fact]
    public void Ingest_ReplyChain_ThreadsEveryMessageIntoTheRootsCase()
    {
        var host = new SimulatedHost();
        var root = host.Deliver(Customer("1", 0));
        var reply = host.Deliver(Reply("2", 5, "1"));
        var followUp = host.Deliver(Customer("3", 9, "2"));
        var other = host.Deliver(Customer("4", 9, author: "200002"));

        Assert.Equal(root.Case, reply.Case);
        Assert.Equal(root.Case, followUp.Case);
        Assert.NotEqual(root.Case, other.Case);
        Assert.Equal("x:ContosoCoffee:1", root.Case!.Value.Value);
    }

    [Fact]
    public void Ingest_BrandReplyArrivingBeforeItsCustomerMessage_StillAnswersIt()
    {
        var host = new SimulatedHost();
        host.Deliver(Reply("2", 5, "1"), At(6));
        host.Deliver(Customer("1", 0), At(7));
        host.RunAll();

        Assert.Equal(1, host.Kpis.CasesOpened);
        Assert.Equal(1, host.Kpis.CasesAnswered);
        Assert.Equal(300, host.Kpis.FirstReplySeconds);
        Assert.Empty(host.Alerts);
    }

    [Fact]
    public void Ingest_BrandPostReplyingToNothing_OpensNoCase()
    {
        var host = new SimulatedHost();
        var post = host.Deliver(Reply("1", 0, parent: null));
        host.RunAll();

        Assert.Equal(IngestOutcome.Recorded, post.Outcome);
        Assert.Null(post.Case);
        Assert.Equal(1, host.Kpis.BrandMessages);
        Assert.Equal(0, host.Kpis.CasesOpened);
    }

    [Fact]
    public void Ingest_ThreadKeys_SeparateConversationsOfOneAccount()
    {
        var page = new PlatformAccountId(Platform.Messenger, "104857600123456");
        var host = new SimulatedHost();
        var a = host.Deliver(Customer("m1", 0, channel: Channel.Dm, threadKey: "page:1", account: page));
        var b = host.Deliver(Customer("m2", 1, channel: Channel.Dm, threadKey: "page:2", account: page));
        var a2 = host.Deliver(Reply("m3", 2, null, channel: Channel.Dm, threadKey: "page:1", account: page));

        Assert.NotEqual(a.Case, b.Case);
        Assert.Equal(a.Case, a2.Case);
        Assert.Equal(1, host.Kpis.CasesAnswered);
    }

    [Fact]
    public void Ingest_KpisAreKeyedByTheCaseOpeningHour()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 50));
        host.Deliver(Reply("2", 70, "1"));

        var caseKey = host.ByKey.Single(pair => pair.Value.CasesOpened == 1).Key;
        Assert.Equal(Instant.FromUtc(2026, 11, 2, 9, 0), caseKey.Hour);
        var replyHour = host.ByKey.Single(pair => pair.Value.BrandMessages == 1).Key;
        Assert.Equal(Instant.FromUtc(2026, 11, 2, 10, 0), replyHour.Hour);
    }

    private static readonly Mention[] ThreeConversations =
    [
        Customer("1", 0), Reply("2", 4, "1"), Customer("3", 30, "2"), Reply("4", 95, "3"),
        Customer("5", 10, author: "200002"), Reply("6", 200, "5"),
        Customer("7", 20, author: "200003"),
    ];

    [Fact]
    public void Ingest_EveryMessageRedeliveredLater_KpisAndAlertsEqualTheCleanRun()
    {
        var clean = new SimulatedHost();
        foreach (var m in ThreeConversations.OrderBy(m => m.CreatedAt)) clean.Deliver(m);
        clean.RunAll();

        var redelivered = new SimulatedHost();
        foreach (var m in ThreeConversations.OrderBy(m => m.CreatedAt)) redelivered.Deliver(m);
        foreach (var m in ThreeConversations.Reverse()) redelivered.Deliver(m, At(500));
        redelivered.RunAll();

        AssertSameKpis(clean.Kpis, redelivered.Kpis, includingAlerts: true);
        Assert.Equal(clean.Alerts.Select(a => a.Id), redelivered.Alerts.Select(a => a.Id));
    }

    [Fact]
    public void Ingest_LateAndReversedDelivery_MeasuresTheSameTimes()
    {
        var clean = new SimulatedHost();
        foreach (var m in ThreeConversations.OrderBy(m => m.CreatedAt)) clean.Deliver(m);
        clean.RunAll();

        // Delivered late, twice, children before parents: the clocks are measured from creation times all the same.
        // (Alerts may differ: at 300 the late pipeline rightly sees unanswered messages past their thresholds.)
        var messy = new SimulatedHost();
        foreach (var m in ThreeConversations.Reverse().Concat(ThreeConversations)) messy.Deliver(m, At(300));
        messy.RunAll();

        AssertSameKpis(clean.Kpis, messy.Kpis, includingAlerts: false);
    }

    internal static void AssertSameKpis(KpiAggregate expected, KpiAggregate actual, bool includingAlerts)
    {
        void Same(double e, double a, string name) => Assert.True(e == a, $"{name}: expected {e}, actual {a}");
        Same(expected.Mentions, actual.Mentions, "mentions");
        Same(expected.CasesOpened, actual.CasesOpened, "cases opened");
        Same(expected.CasesAnswered, actual.CasesAnswered, "cases answered");
        Same(expected.CasesResolved, actual.CasesResolved, "cases resolved");
        Same(expected.CasesReopened, actual.CasesReopened, "reopenings");
        Same(expected.FirstReplyCount, actual.FirstReplyCount, "first replies");
        Same(expected.FirstReplySeconds, actual.FirstReplySeconds, "first reply seconds");
        Same(expected.ResponseCount, actual.ResponseCount, "responses");
        Same(expected.ResponseSeconds, actual.ResponseSeconds, "response seconds");
        Same(expected.ResolutionCount, actual.ResolutionCount, "resolutions");
        Same(expected.ResolutionSeconds, actual.ResolutionSeconds, "resolution seconds");
        if (!includingAlerts) return;
        foreach (var clock in Enum.GetValues<ClockKind>())
        foreach (var level in Enum.GetValues<ThresholdLevel>())
            Assert.True(expected.AlertCount(clock, level) == actual.AlertCount(clock, level), $"{clock}/{level}: {expected.AlertCount(clock, level)} != {actual.AlertCount(clock, level)}");
    }
}
