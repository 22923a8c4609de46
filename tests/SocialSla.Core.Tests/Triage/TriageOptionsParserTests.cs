using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

public class TriageOptionsParserTests
{
    private const string Full = """
        { "brands": [ { "account": "x:ContosoCoffee", "keywords": ["contoso"], "exclusions": ["contoso corp"] } ],
          "noise": { "linkSpamLinks": 2, "promotionTerms": ["giveaway"], "duplicateAuthors": 4, "duplicateMinWords": 6,
                     "duplicateMemory": 1024, "botAuthorIds": ["42"], "botHandleDigits": 6, "botMaxFollowers": 3 },
          "actionableChannels": ["dm", "review"],
          "priority": { "highFollowers": 5000, "urgentFollowers": 0, "verified": "normal", "negativeSentiment": -0.6,
                        "addUrgentTerms": ["recall notice"], "highTerms": ["voucher"], "highVelocity": 50, "urgentVelocity": 0,
                        "vipPriority": "urgent", "vipFile": "vips.csv",
                        "vips": [ { "platform": "x", "handle": "janedoe" }, { "id": "99", "priority": "high" } ] },
          "routing": { "defaultQueue": "care",
                       "rules": [ { "name": "billing", "when": { "terms": ["refund*"], "channels": ["dm"], "platforms": ["x"],
                                    "accounts": ["x:ContosoCoffee"], "languages": ["en", "es"] },
                                    "tags": ["billing"], "queue": "billing-team", "stop": true } ] },
        }
        """;

    private static TextReader Vips(string name) => name == "vips.csv"
        ? new StringReader("platform,handle,id,priority,tier\nx,@BigSpender,,,gold\n,,5150,high,\n")
        : throw new FileNotFoundException(name);

    [Fact]
    public void TryParse_FullSection_SetsEveryMember()
    {
        Assert.True(TriageOptionsParser.TryParse(Full, Vips, out var o, out var error), error);
        Assert.Single(o.Brands);
        Assert.Equal(2, o.LinkSpamLinks);
        Assert.Equal(["giveaway"], o.PromotionTerms);
        Assert.Equal(4, o.DuplicateAuthors);
        Assert.Equal(6, o.DuplicateMinWords);
        Assert.Equal(1024, o.DuplicateMemory);
        Assert.Contains("42", o.BotAuthorIds);
        Assert.Equal(6, o.BotHandleDigits);
        Assert.Equal(3, o.BotMaxFollowers);
        Assert.Equal(new HashSet<Channel> { Channel.Dm, Channel.Review }, o.ActionableChannels);
        Assert.Equal(5000, o.HighFollowers);
        Assert.Equal(0, o.UrgentFollowers);
        Assert.Equal(Priority.Normal, o.VerifiedPriority);
        Assert.Equal(-0.6f, o.NegativeSentiment);
        Assert.Contains("recall notice", o.UrgentTerms);
        Assert.Contains("lawsuit", o.UrgentTerms);
        Assert.Equal(["voucher"], o.HighTerms);
        Assert.Equal(50, o.HighVelocity);
        Assert.Equal(4, o.Vips.Count);
        Assert.True(o.Vips.TryMatch(Platform.X, new Author("1", "bigspender"), out var p1));
        Assert.Equal(Priority.Urgent, p1);
        Assert.True(o.Vips.TryMatch(Platform.Reddit, new Author("5150"), out var p2));
        Assert.Equal(Priority.High, p2);
        Assert.True(o.Vips.TryMatch(Platform.X, new Author("7", "JaneDoe"), out var p3));
        Assert.Equal(Priority.Urgent, p3);
        Assert.Equal("care", o.DefaultQueue);
        var rule = Assert.Single(o.Routing);
        Assert.Equal("billing-team", rule.Queue);
        Assert.True(rule.Stop);
        Assert.Equal(new HashSet<Language> { Language.En, Language.Es }, rule.When.Languages);
    }

    [Fact]
    public void TryParse_EmptyObject_IsTheDefaults()
    {
        Assert.True(TriageOptionsParser.TryParse("{}", null, out var o, out _));
        Assert.Equal(TriageOptions.Default.LinkSpamLinks, o.LinkSpamLinks);
        Assert.Same(TriageOptions.Default.UrgentTerms, o.UrgentTerms);
    }

    [Theory]
    [InlineData("""{ "nosie": {} }""", "unknown member 'nosie'")]
    [InlineData("""{ "noise": { "linkSpamLinks": 0 } }""", "triage.noise.linkSpamLinks")]
    [InlineData("""{ "priority": { "verified": "critical" } }""", "unknown priority 'critical'")]
    [InlineData("""{ "priority": { "negativeSentiment": 0.4 } }""", "between -1 and 0")]
    [InlineData("""{ "actionableChannels": ["email"] }""", "unknown channel 'email'")]
    [InlineData("""{ "routing": { "rules": [ { "when": {} } ] } }""", "needs a 'name'")]
    [InlineData("""{ "routing": { "rules": [ { "name": "x", "when": { "languages": ["xx"] } } ] } }""", "unknown language 'xx'")]
    [InlineData("""{ "priority": { "vips": [ { "platform": "x" } ] } }""", "needs a 'handle' or an 'id'")]
    [InlineData("""{ "priority": { "vipFile": "vips.csv" } }""", "files cannot be read here")]
    [InlineData("""{ "brands": [ { "keywords": ["a"] } ] }""", "needs an 'account'")]
    [InlineData("""[ 1 ]""", "expected an object")]
    [InlineData("""{ "noise": """, "not valid JSON")]
    public void TryParse_Mistakes_AreNamed(string json, string expected)
    {
        Assert.False(TriageOptionsParser.TryParse(json, null, out var o, out var error));
        Assert.Null(o);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryParse_BadVipFile_NamesTheLine()
    {
        static TextReader Bad(string _) => new StringReader("handle,priority\njane,critical\n");
        Assert.False(TriageOptionsParser.TryParse("""{ "priority": { "vipFile": "v.csv" } }""", Bad, out _, out var error));
        Assert.Contains("line 2", error);
        Assert.Contains("critical", error);
    }
}
