using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage;
using SocialSla.Core.Tests.Support;
using SocialSla.Core.Triage;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Pipeline;

/// <summary>KPI aggregates keyed by the routing queue and tags (issue #5, items 4 and 8): a case counts under the queue
/// and tag set it has now, moving when routing changes them, never twice.</summary>
public sealed class MentionPipelineKpiDimensionsTests
{
    private static readonly TriageOptions Routing = TriageOptions.Default with
    {
        DefaultQueue = "care",
        Routing =
        [
            new RoutingRule("billing", new RoutingConditions { Terms = ["refund*", "charged twice"] }) { Tags = ["billing"], Queue = "billing-team" },
            new RoutingRule("shipping", new RoutingConditions { Terms = ["order", "delivery"] }) { Tags = ["shipping"], Queue = "logistics" },
        ],
    };

    private static Mention Says(string id, double minutes, string text, string? parent = null, string author = "200001") =>
        Customer(id, minutes, parent: parent, author: author) with { Text = text };

    [Fact]
    public void Ingest_RoutingChangesQueueAndTags_CaseContributionMovesToTheNewKeyOnce()
    {
        var host = new SimulatedHost(triage: new MentionTriage(Routing));
        host.Deliver(Says("1", 0, "@ContosoCoffee can you help me with my account please?"));
        Assert.Equal(1, Opened(host, k => k.Queue == "care" && k.Tags is null));

        host.Deliver(Says("2", 1, "my order never arrived", parent: "1"));
        host.Deliver(Says("3", 2, "and I want a refund, I was charged twice for the order", parent: "2"));
        host.Deliver(Reply("4", 5, "3"));
        host.RunUntil(At(30));

        Assert.Equal(1, host.ByKey.Values.Sum(a => a.CasesOpened));
        Assert.Equal(0, Opened(host, k => k.Queue == "care"));
        var now = Assert.Single(host.ByKey, p => p.Value.CasesOpened == 1).Key;
        Assert.Equal("logistics", now.Queue);
        Assert.Equal("shipping billing", now.Tags);
        Assert.Equal(["shipping", "billing"], KpiKey.TagsOf(now.Tags));
        Assert.Equal(1, host.ByKey[now].CasesAnswered);

        // Each customer message counts under its own verdict's routing; the brand's under none.
        var messages = host.ByKey.Where(p => p.Value.CustomerMessages > 0).ToDictionary(p => (p.Key.Queue, p.Key.Tags), p => p.Value.CustomerMessages);
        Assert.Equal(1, messages[("care", null)]);
        Assert.Equal(1, messages[("logistics", "shipping")]);
        Assert.Equal(1, messages[("billing-team", "billing shipping")]);
        Assert.True(host.ByKey.Single(p => p.Value.BrandMessages > 0).Key is { Queue: null, Tags: null });
    }

    [Fact]
    public void CaseStateJson_ContributionQueueAndTags_SurviveStorage()
    {
        var host = new SimulatedHost(triage: new MentionTriage(Routing));
        var id = host.Deliver(Says("1", 0, "@ContosoCoffee my order is late and I want a refund")).Case!.Value;
        var state = host.State.GetCase(id)!;
        Assert.NotNull(state.ContributionKey?.Tags);

        var read = CaseStateJson.Read(CaseStateJson.ToUtf8(state), SlaPolicy.Default);
        Assert.Equal(state.ContributionKey, read.ContributionKey);
        Assert.Equal("billing shipping", read.ContributionTags);
    }

    [Fact]
    public void Ingest_WithoutTriage_KeysHaveNoQueueOrTags()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0));
        Assert.All(host.ByKey.Keys, k => Assert.True(k.Queue is null && k.Tags is null));
    }

    private static long Opened(SimulatedHost host, Func<KpiKey, bool> where) => host.ByKey.Where(p => where(p.Key)).Sum(p => p.Value.CasesOpened);
}
