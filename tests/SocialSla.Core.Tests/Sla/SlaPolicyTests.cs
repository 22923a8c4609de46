using NodaTime;
using SocialSla.Core.Calendars;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Tests.Sla;

public class SlaPolicyTests
{
    private static readonly PlatformAccountId X = new(Platform.X, "ContosoCoffee");
    private static readonly PlatformAccountId Page = new(Platform.Messenger, "1048");

    [Theory]
    [InlineData(Channel.Dm, Priority.Normal, 15)]
    [InlineData(Channel.Mention, Priority.Normal, 60)]
    [InlineData(Channel.PublicComment, Priority.Low, 60)]
    [InlineData(Channel.Mention, Priority.High, 15)]
    [InlineData(Channel.Review, Priority.Urgent, 15)]
    public void TermsFor_Defaults_FollowTheDesign(Channel channel, Priority priority, int replyMinutes)
    {
        var terms = SlaPolicy.Default.TermsFor(new CaseFacts(X, channel, priority));
        Assert.Equal(Duration.FromMinutes(replyMinutes), terms.FirstReply);
        Assert.Equal(Duration.FromMinutes(replyMinutes), terms.NextReply);
        Assert.Equal(Duration.FromHours(24), terms.Resolution);
        Assert.True(terms.Calendar.IsAlwaysOpen);
        Assert.Equal("default", terms.RuleName);
    }

    [Fact]
    public void TermsFor_MetaDm_HasTheReplyWindowButXDmDoesNot()
    {
        Assert.Equal(Duration.FromHours(24), SlaPolicy.Default.TermsFor(new CaseFacts(Page, Channel.Dm, Priority.Normal)).ReplyWindow);
        Assert.Null(SlaPolicy.Default.TermsFor(new CaseFacts(X, Channel.Dm, Priority.Normal)).ReplyWindow);
        Assert.Null(SlaPolicy.Default.TermsFor(new CaseFacts(Page, Channel.PublicComment, Priority.Normal)).ReplyWindow);
    }

    [Fact]
    public void TermsFor_FirstMatchingRuleWins_AndUnsetTargetsKeepDefaults()
    {
        var policy = new SlaPolicy(
        [
            new SlaRule("vip", new SlaRuleConditions { Accounts = new HashSet<string> { "ContosoCoffee" }, Priorities = new HashSet<Priority> { Priority.Urgent } })
                { FirstReply = Duration.FromMinutes(5) },
            new SlaRule("all-x", new SlaRuleConditions { Platforms = new HashSet<Platform> { Platform.X } })
                { FirstReply = Duration.FromHours(2), Resolution = SlaRule.Off },
        ]);

        var urgent = policy.TermsFor(new CaseFacts(X, Channel.Mention, Priority.Urgent));
        Assert.Equal("vip", urgent.RuleName);
        Assert.Equal(Duration.FromMinutes(5), urgent.FirstReply);
        Assert.Equal(Duration.FromMinutes(15), urgent.NextReply);

        var normal = policy.TermsFor(new CaseFacts(X, Channel.Mention, Priority.Normal));
        Assert.Equal("all-x", normal.RuleName);
        Assert.Equal(Duration.FromHours(2), normal.FirstReply);
        Assert.Null(normal.Resolution);

        Assert.Equal("default", policy.TermsFor(new CaseFacts(Page, Channel.Dm, Priority.Normal)).RuleName);
    }

    [Fact]
    public void WithReplyTargetOverride_AppliesToEveryCase()
    {
        var policy = SlaPolicy.Default.WithReplyTargetOverride(Duration.FromMinutes(15));
        var terms = policy.TermsFor(new CaseFacts(X, Channel.Mention, Priority.Low));
        Assert.Equal(Duration.FromMinutes(15), terms.FirstReply);
        Assert.Equal(Duration.FromMinutes(15), terms.NextReply);
    }

    [Fact]
    public void Constructor_NonPositiveDuration_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaPolicy([], autoResolveAfter: Duration.Zero));

    [Fact]
    public void Parser_FullPolicy_ReadsEveryMember()
    {
        const string json = """
        { "autoResolveAfter": "12h", "reopenWindow": "2d", "botAuthorIds": ["42"], "botMarkers": ["#bot"],
          "calendars": { "office": { "zone": "Europe/Berlin", "hours": "mon-fri 09:00-17:00", "holidays": ["2026-12-25"] } },
          "rules": [ { "name": "office", "when": { "channels": ["dm"], "priorities": ["high"] },
                       "firstReply": "30m", "resolution": "off", "calendar": "office" } ] }
        """;
        Assert.True(SlaPolicyParser.TryParse(json, out var policy, out var error), error);
        Assert.Equal(Duration.FromHours(12), policy.AutoResolveAfter);
        Assert.Equal(Duration.FromDays(2), policy.ReopenWindow);
        Assert.Contains("42", policy.BotAuthorIds);
        var terms = policy.TermsFor(new CaseFacts(X, Channel.Dm, Priority.High));
        Assert.Equal("office", terms.RuleName);
        Assert.Equal(Duration.FromMinutes(30), terms.FirstReply);
        Assert.Null(terms.Resolution);
        Assert.False(terms.Calendar.IsAlwaysOpen);
        Assert.Equal("Europe/Berlin", terms.Calendar.Zone.Id);
    }

    [Theory]
    [InlineData("""{ "autoResolve": "1h" }""", "unknown member 'autoResolve'")]
    [InlineData("""{ "rules": [ { "firstReply": "15m" } ] }""", "rules[0]: a rule needs a 'name'")]
    [InlineData("""{ "rules": [ { "name": "a", "firstReply": "soon" } ] }""", "rules[0].firstReply")]
    [InlineData("""{ "rules": [ { "name": "a", "when": { "channels": ["fax"] } } ] }""", "unknown channel 'fax'")]
    [InlineData("""{ "rules": [ { "name": "a", "calendar": "nope" } ] }""", "no calendar named 'nope'")]
    [InlineData("""{ "calendars": { "c": { "zone": "Mars/Olympus" } } }""", "not an IANA time zone")]
    [InlineData("""{ "calendars": { "c": { "hours": "someday 9-5" } } }""", "calendars.c.hours")]
    [InlineData("""{ "reopenWindow": 72 }""", "reopenWindow must be a string")]
    [InlineData("""[1, 2]""", "the policy must be an object")]
    [InlineData("""{ "rules": [ """, "not valid JSON")]
    public void Parser_BadPolicy_SaysWhereAndWhy(string json, string expected)
    {
        Assert.False(SlaPolicyParser.TryParse(json, out _, out var error));
        Assert.Contains(expected, error);
    }
}
