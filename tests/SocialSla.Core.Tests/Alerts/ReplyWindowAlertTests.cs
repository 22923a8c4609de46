using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Alerts;

/// <summary>The reply-window alert (issue #6 item 5): before Meta's 24-hour private-reply window closes on an
/// unanswered Messenger or Instagram DM, by the policy's lead time.</summary>
public sealed class ReplyWindowAlertTests
{
    private static readonly PlatformAccountId Instagram = new(Platform.Instagram, "17841400000012345");
    private static readonly PlatformAccountId Messenger = new(Platform.Messenger, "104857600123456");
    private static readonly PlatformAccountId XAccount = new(Platform.X, "ContosoCoffee");
    private const double Hour = 60;

    private static List<SlaAlert> WindowAlerts(SimulatedHost host) => host.Alerts.Where(a => a.Kind == AlertKind.ReplyWindowClosing).ToList();

    [Fact]
    public void UnansweredInstagramDm_AlertsAnHourBeforeTheWindowCloses()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0, channel: Channel.Dm, threadKey: "ig:1", account: Instagram));
        host.RunUntil(At(48 * Hour));

        var alert = Assert.Single(WindowAlerts(host));
        Assert.Equal(At(23 * Hour), alert.ThresholdAt);
        Assert.Equal(At(24 * Hour), alert.DueAt);
        Assert.InRange(alert.RaisedAt, At(23 * Hour), At(23 * Hour) + Duration.FromSeconds(1));
        Assert.Equal(ClockKind.ReplyWindow, alert.Clock);
        Assert.Equal(Instagram, alert.Account);
    }

    [Fact]
    public void DmAnsweredBeforeTheLead_RaisesNoWindowAlert()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0, channel: Channel.Dm, threadKey: "m:1", account: Messenger));
        host.Deliver(Reply("2", 22 * Hour + 59, "1", channel: Channel.Dm, threadKey: "m:1", account: Messenger));
        host.RunUntil(At(48 * Hour));

        Assert.Empty(WindowAlerts(host));
    }

    [Fact]
    public void ConfiguredLead_MovesTheAlert()
    {
        var policy = new SlaPolicy([], replyWindowLead: Duration.FromHours(3));
        var host = new SimulatedHost(policy);
        host.Deliver(Customer("1", 0, channel: Channel.Dm, threadKey: "m:1", account: Messenger));
        host.RunUntil(At(48 * Hour));

        Assert.Equal(At(21 * Hour), Assert.Single(WindowAlerts(host)).ThresholdAt);
    }

    [Fact]
    public void CustomerWritesAgainAfterAReply_TheNewWindowAlertsOnceFromTheNewMessage()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0, channel: Channel.Dm, threadKey: "m:1", account: Messenger));
        host.Deliver(Reply("2", 2 * Hour, "1", channel: Channel.Dm, threadKey: "m:1", account: Messenger));
        host.Deliver(Customer("3", 5 * Hour, channel: Channel.Dm, threadKey: "m:1", account: Messenger));
        host.RunUntil(At(72 * Hour));

        var alert = Assert.Single(WindowAlerts(host));
        Assert.Equal(At(28 * Hour), alert.ThresholdAt);
        Assert.Equal(1, alert.Id.Key.Sequence);                  // the second window of the case
    }

    [Fact]
    public void XDm_HasNoReplyWindow()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0, channel: Channel.Dm, threadKey: "x:1", account: XAccount));
        host.RunUntil(At(48 * Hour));

        Assert.Empty(WindowAlerts(host));
    }
}
