using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;
using static SocialSla.Core.Tests.Triage.TriageMentions;

namespace SocialSla.Core.Tests.Triage;

public partial class MentionTriageTests
{
    private static readonly TriageOptions Routed = TriageOptions.Default with
    {
        Routing =
        [
            new RoutingRule("spanish", new RoutingConditions { Languages = new HashSet<Language> { Language.Es } }) { Tags = ["es"], Queue = "latam" },
            new RoutingRule("billing", new RoutingConditions { Terms = ["refund*", "charged twice", "invoice"] }) { Tags = ["billing"], Queue = "billing" },
            new RoutingRule("shipping", new RoutingConditions { Terms = ["parcel", "delivery", "tracking"] }) { Tags = ["shipping"], Queue = "logistics" },
            new RoutingRule("dm", new RoutingConditions { Channels = new HashSet<Channel> { Channel.Dm } }) { Tags = ["private"] },
            new RoutingRule("vip-account", new RoutingConditions { Accounts = new HashSet<string> { "x:ContosoVip" } }) { Tags = ["vip-account"], Queue = "vip", Stop = true },
            new RoutingRule("never", new RoutingConditions { Platforms = new HashSet<Platform> { Platform.Reddit } }) { Tags = ["reddit"] },
        ],
        DefaultQueue = "care",
    };

    [Fact]
    public void Assess_Routing_TagsInRuleOrder_FirstQueueWins()
    {
        var triage = new MentionTriage(Routed);
        var r = triage.Assess(Text("my parcel never came and I was charged twice", Channel.Dm), default);
        Assert.Equal(["billing", "shipping", "private"], r.Tags);
        Assert.Equal("billing", r.Queue);
    }

    [Fact]
    public void Assess_Routing_NoRule_DefaultQueueNoTags()
    {
        var r = new MentionTriage(Routed).Assess(Text("@ContosoCoffee is the store open?"), default);
        Assert.Empty(r.Tags);
        Assert.Equal("care", r.Queue);
    }

    [Fact]
    public void Assess_Routing_ByLanguageAccountAndStop()
    {
        var triage = new MentionTriage(Routed);
        var es = triage.Assess(Text("hola, mi pedido no ha llegado y quiero un refund"), default);
        Assert.Equal(Language.Es, es.Language);
        Assert.Equal(["es", "billing"], es.Tags);
        Assert.Equal("latam", es.Queue);

        var vip = triage.Assess(Text("where is my invoice?", account: new PlatformAccountId(Platform.X, "ContosoVip")), default);
        Assert.Equal(["billing", "vip-account"], vip.Tags);
        Assert.Equal("billing", vip.Queue);
    }

    [Fact]
    public void Assess_Routing_TermsMatchWholeWordsPrefixesAndPhrases()
    {
        var triage = new MentionTriage(Routed);
        Assert.Contains("billing", triage.Assess(Text("REFUNDS take forever"), default).Tags);
        Assert.DoesNotContain("billing", triage.Assess(Text("I was charged once, twice is fine"), default).Tags);
        Assert.DoesNotContain("shipping", triage.Assess(Text("the parcelle is French"), default).Tags);
    }

    [Fact]
    public void Constructor_BadOptions_Throw()
    {
        Assert.Throws<ArgumentException>(() => new MentionTriage(TriageOptions.Default with { LinkSpamLinks = 0 }));
        Assert.Throws<ArgumentException>(() => new MentionTriage(TriageOptions.Default with { DefaultQueue = " " }));
        Assert.Throws<ArgumentException>(() => new MentionTriage(TriageOptions.Default with { NegativeSentiment = 0.5f }));
    }
}
