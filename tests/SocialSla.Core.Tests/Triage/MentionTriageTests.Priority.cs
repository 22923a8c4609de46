using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;
using static SocialSla.Core.Tests.Triage.TriageMentions;

namespace SocialSla.Core.Tests.Triage;

public partial class MentionTriageTests
{
    [Fact]
    public void Assess_OrdinaryQuestion_IsNormalWithNoReasons()
    {
        var r = Assess("@ContosoCoffee is the Main St store open today?");
        Assert.Equal(Priority.Normal, r.Priority);
        Assert.Equal(PriorityReasons.None, r.PriorityReasons);
    }

    [Fact]
    public void Assess_NotActionable_IsLow()
    {
        var r = Assess("@ContosoCoffee lovely flat white this morning");
        Assert.Equal(Priority.Low, r.Priority);
        Assert.Equal(PriorityReasons.NotActionable, r.PriorityReasons);
    }

    [Fact]
    public void Assess_Reach_RaisesByFollowersAndVerified()
    {
        var triage = new MentionTriage(TriageOptions.Default with { HighFollowers = 5_000, UrgentFollowers = 500_000 });
        const string text = "@ContosoCoffee where is my order?";
        Assert.Equal((Priority.High, PriorityReasons.Reach), Pair(triage.Assess(Text(text, followers: 5_000), default)));
        Assert.Equal((Priority.Urgent, PriorityReasons.Reach), Pair(triage.Assess(Text(text, followers: 600_000), default)));
        Assert.Equal((Priority.High, PriorityReasons.Verified), Pair(triage.Assess(Text(text, verified: true), default)));
        Assert.Equal((Priority.Normal, PriorityReasons.None), Pair(triage.Assess(Text(text, followers: null), default)));
    }

    [Fact]
    public void Assess_Vip_MatchedByHandleOrId()
    {
        var vips = new VipList([new VipEntry(Platform.X, "@JaneDoe", null, Priority.Urgent), new VipEntry(null, null, "31337", Priority.High)]);
        var triage = new MentionTriage(TriageOptions.Default with { Vips = vips });
        const string text = "@ContosoCoffee where is my order?";
        Assert.Equal((Priority.Urgent, PriorityReasons.Vip), Pair(triage.Assess(Text(text, handle: "janedoe"), default)));
        Assert.Equal((Priority.High, PriorityReasons.Vip), Pair(triage.Assess(Text(text, author: "31337"), default)));
        Assert.Equal(Priority.Normal, triage.Assess(Text(text, handle: "johndoe"), default).Priority);
    }

    [Fact]
    public void Assess_StronglyNegative_IsHigh()
    {
        var r = Assess("@ContosoCoffee absolutely disgusting service, the worst I have ever had, furious");
        Assert.Equal(Priority.High, r.Priority);
        Assert.True(r.PriorityReasons.HasFlag(PriorityReasons.NegativeSentiment));
    }

    [Theory]
    [InlineData("@ContosoCoffee my lawyer will hear about this", Priority.Urgent, PriorityReasons.UrgentTerm)]
    [InlineData("@ContosoCoffee there is smoke coming from the espresso machine", Priority.Urgent, PriorityReasons.UrgentTerm)]
    [InlineData("@ContosoCoffee I want a refund for order 991", Priority.High, PriorityReasons.HighTerm)]
    [InlineData("@ContosoCoffee please cancel my subscription", Priority.High, PriorityReasons.HighTerm)]
    public void Assess_Terms_RaisePriority(string text, Priority expected, PriorityReasons reason)
    {
        var r = Assess(text);
        Assert.Equal(expected, r.Priority);
        Assert.True(r.PriorityReasons.HasFlag(reason), r.PriorityReasons.ToString());
    }

    [Fact]
    public void Assess_EngagementVelocity_RaisesWhenReported()
    {
        const string text = "@ContosoCoffee is the Main St store open today?";
        Assert.Equal((Priority.High, PriorityReasons.EngagementVelocity), Pair(Assess(text, context: new TriageContext(EngagementPerHour: 150))));
        Assert.Equal((Priority.Urgent, PriorityReasons.EngagementVelocity), Pair(Assess(text, context: new TriageContext(EngagementPerHour: 5_000))));
        Assert.Equal(Priority.Normal, Assess(text, context: new TriageContext(EngagementPerHour: 3)).Priority);
    }

    [Fact]
    public void Assess_SeveralReasons_HighestWinsAndAllAreReported()
    {
        var r = new MentionTriage(TriageOptions.Default).Assess(Text("@ContosoCoffee I want a refund, this is a safety issue", followers: 20_000), default);
        Assert.Equal(Priority.Urgent, r.Priority);
        Assert.Equal(PriorityReasons.Reach | PriorityReasons.UrgentTerm | PriorityReasons.HighTerm, r.PriorityReasons & (PriorityReasons.Reach | PriorityReasons.UrgentTerm | PriorityReasons.HighTerm));
    }

    private static (Priority, PriorityReasons) Pair(TriageResult r) => (r.Priority, r.PriorityReasons);
}
