using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Triage;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Pipeline;

/// <summary>The pipeline with triage: routing on the case, noise and sentiment in KPIs, the verdict in the result
/// (issue 5, items 4 and 8).</summary>
public class MentionPipelineTriageTests
{
    private static readonly TriageOptions Routing = TriageOptions.Default with
    {
        DefaultQueue = "care",
        Routing =
        [
            new RoutingRule("billing", new RoutingConditions { Terms = ["refund*", "charged twice"] }) { Tags = ["billing"], Queue = "billing-team" },
            new RoutingRule("shipping", new RoutingConditions { Terms = ["order", "delivery"] }) { Tags = ["shipping"], Queue = "logistics" },
            new RoutingRule("any-dm", new RoutingConditions { Channels = new HashSet<Channel> { Channel.Dm } }) { Tags = ["dm"] },
        ],
    };

    private static SimulatedHost Host() => new(triage: new MentionTriage(Routing));

    private static Mention Says(string id, double minutes, string text, string? parent = null, string author = "200001") =>
        Customer(id, minutes, parent: parent, author: author) with { Text = text };

    [Fact]
    public void Ingest_Routing_CaseCollectsTagsInOrderAndKeepsTheFirstNamedQueue()
    {
        var host = Host();
        var first = host.Deliver(Says("1", 0, "@ContosoCoffee hello there, quick one"));
        var id = first.Case!.Value;
        Assert.Equal("care", host.State.GetCase(id)!.Queue);     // nothing named a queue yet: the default
        Assert.Empty(host.State.GetCase(id)!.Tags);

        host.Deliver(Says("2", 1, "my order never arrived", parent: "1"));
        host.Deliver(Says("3", 2, "and I want a refund, I was charged twice for the order", parent: "2"));
        var state = host.State.GetCase(id)!;
        Assert.Equal(["shipping", "billing"], state.Tags);
        Assert.Equal("logistics", state.Queue);
    }

    [Fact]
    public void Ingest_CustomerMessages_CaseTracksFirstAndLastSentiment()
    {
        var host = Host();
        var id = host.Deliver(Says("1", 0, "@ContosoCoffee this is terrible, my order is still not here")).Case!.Value;
        host.Deliver(Reply("2", 5, "1"));
        host.Deliver(Says("3", 10, "@ContosoCoffee it arrived, great service, thank you so much!", parent: "2"));
        var sentiment = host.State.GetCase(id)!.Sentiment;
        Assert.Equal((SentimentLabel.Negative, SentimentLabel.Positive, 2), (sentiment.First.Label, sentiment.Last.Label, sentiment.Count));
    }

    [Fact]
    public void Ingest_Noise_IsCountedInKpisStartsNoClockAndRoutesNothing()
    {
        var host = Host();
        var spam = host.Deliver(Says("9", 0, "@ContosoCoffee refund giveaway http://a.example http://b.example http://c.example", author: "777"));

        Assert.True(spam.Triage!.Value.IsNoise);
        Assert.Equal(1, host.Kpis.Noise);
        Assert.Equal(0, host.Kpis.Actionable);
        Assert.Equal(1, host.Kpis.CustomerMessages);
        var state = host.State.GetCase(spam.Case!.Value)!;
        Assert.Equal(CaseStatus.NotOpened, state.Status);
        Assert.Empty(state.Tags);
        host.RunUntil(At(24 * 60));
        Assert.Empty(host.Alerts);
    }

    [Fact]
    public void Ingest_SentimentOfEachTriagedMessage_IsCountedInKpis()
    {
        var host = Host();
        host.Deliver(Says("1", 0, "@ContosoCoffee this is the worst service ever, still waiting for my refund"));
        host.Deliver(Says("2", 1, "@ContosoCoffee love you guys, best coffee in town!", author: "200002"));
        host.Deliver(Says("3", 2, "@ContosoCoffee what time do you open on sunday?", author: "200003"));

        Assert.Equal(1, host.Kpis.NegativeMessages);
        Assert.Equal(1, host.Kpis.PositiveMessages);
        Assert.Equal(1, host.Kpis.NeutralMessages);
    }

    [Fact]
    public void Ingest_WithoutTriage_NoVerdictNoRoutingNoNoiseCounts()
    {
        var host = new SimulatedHost();
        var result = host.Deliver(Says("1", 0, "@ContosoCoffee refund giveaway http://a.example http://b.example http://c.example"));
        Assert.Null(result.Triage);
        var state = host.State.GetCase(result.Case!.Value)!;
        Assert.Null(state.Queue);
        Assert.Empty(state.Tags);
        Assert.Equal(0, host.Kpis.Noise);
        Assert.Equal(1, host.Kpis.Actionable);
    }

    [Fact]
    public void Ingest_BrandReply_HasNoVerdict()
    {
        var host = Host();
        host.Deliver(Says("1", 0, "@ContosoCoffee where is my order?"));
        Assert.Null(host.Deliver(Reply("2", 1, "1")).Triage);
    }
}
