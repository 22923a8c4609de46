using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Tests.Support;

namespace SocialSla.Core.Tests.Cases;

public class CaseBoardOrderTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    [Fact]
    public void The_next_threshold_first_cases_without_one_last_then_other_accounts_filtered_and_the_limit_kept()
    {
        var state = new InMemoryPipelineState();
        var pipeline = new MentionPipeline(Policy, state);
        var other = new PlatformAccountId(Platform.X, "Fabrikam");
        // A DM (15 minutes) opened later reaches its warning before a public mention (1 hour) opened earlier.
        pipeline.Ingest(Make.Customer("1", 0), Make.At(0));
        pipeline.Ingest(Make.Customer("2", 5, author: "200002", channel: Channel.Dm), Make.At(5));
        pipeline.Ingest(Make.Customer("3", 1, author: "200003"), Make.At(1));
        pipeline.Ingest(Make.Reply("4", 2, "3"), Make.At(2)); // answered: its next threshold is later (resolution) or none
        pipeline.Ingest(Make.Customer("5", 0, author: "200005", account: other), Make.At(0));
        var now = Make.At(6);
        CaseState Case(string id, PlatformAccountId? account = null) => state.GetCase(new CaseId($"{account ?? Make.Brand}:{id}"))!;
        var cases = new[] { Case("1"), Case("2"), Case("3"), Case("5", other) };

        var all = CaseBoardOrder.Top(cases, null, Policy, now, 10);
        var mine = CaseBoardOrder.Top(cases, Make.Brand.ToString(), Policy, now, 10);

        Assert.Equal(4, all.Count);
        Assert.Equal(3, mine.Count);
        Assert.Equal("2", mine[0].State.Id.Value.Split(':')[^1]);
        for (var i = 1; i < all.Count; i++)
        {
            var (before, after) = (all[i - 1].NextThresholdAt, all[i].NextThresholdAt);
            Assert.True(after is null || before is not null && before <= after, $"{before} before {after}");
        }
        Assert.Equal(all.Take(2).Select(c => c.State.Id), CaseBoardOrder.Top(cases, null, Policy, now, 2).Select(c => c.State.Id));
        Assert.Equal(CaseBoardOrder.DefaultLimit, CaseBoardOrder.Limit(null, 1000));
        Assert.Equal(1000, CaseBoardOrder.Limit(50_000, 1000));
        Assert.Equal(1, CaseBoardOrder.Limit(-3, 1000));
    }
}
