using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;
using static SocialSla.Core.Tests.Triage.TriageMentions;

namespace SocialSla.Core.Tests.Triage;

public partial class MentionTriageTests
{
    private static readonly MentionTriage Default = new(TriageOptions.Default);

    private static TriageResult Assess(string text, Channel channel = Channel.Mention, TriageContext context = default) =>
        new MentionTriage(TriageOptions.Default).Assess(Text(text, channel), context);

    [Theory]
    [InlineData("@ContosoCoffee where is my order?")]
    [InlineData("@ContosoCoffee how do I change my delivery address")]
    [InlineData("@ContosoCoffee please send me the invoice for last week")]
    [InlineData("@ContosoCoffee the app is down again")]
    [InlineData("@ContosoCoffee my latte was cold and the barista was rude")]
    [InlineData("@ContosoCoffee can you help me with my account")]
    public void Assess_QuestionsRequestsOutagesComplaints_AreActionable(string text) => Assert.True(Assess(text).Actionable, text);

    [Theory]
    [InlineData("@ContosoCoffee love the new autumn menu!")]
    [InlineData("@ContosoCoffee thanks, you are the best")]
    [InlineData("@ContosoCoffee 😍😍")]
    [InlineData("@ContosoCoffee")]
    [InlineData("had a coffee with @ContosoCoffee and friends today")]
    public void Assess_PraiseThanksEmojiChitChat_InPublic_AreNotActionable(string text) => Assert.False(Assess(text).Actionable, text);

    [Fact]
    public void Assess_ThanksAfterBrandReply_IsNotActionable_ButAQuestionIs()
    {
        var after = new TriageContext(AfterBrandReply: true);
        Assert.False(Assess("@ContosoCoffee thanks!", Channel.Dm, after).Actionable);
        Assert.False(Assess("@ContosoCoffee thank you so much, that sorted it", Channel.Dm, after).Actionable);
        Assert.True(Assess("@ContosoCoffee thanks! and when will the refund arrive?", Channel.Dm, after).Actionable);
        Assert.True(Assess("@ContosoCoffee thanks but it is still not working", Channel.Dm, after).Actionable);
    }

    [Fact]
    public void Assess_NeutralDm_IsActionable_NeutralPublicPostIsNot()
    {
        Assert.True(Assess("hello, it's about order 5521", Channel.Dm).Actionable);
        Assert.False(Assess("at the Contoso store with my sister", Channel.Post).Actionable);
    }

    [Fact]
    public void Assess_Intents_ReportWhatTheMessageDoes()
    {
        var r = Assess("@ContosoCoffee why is the app not working? please fix it");
        Assert.True(r.Intents.HasFlag(MessageIntents.Question));
        Assert.True(r.Intents.HasFlag(MessageIntents.Outage));
        Assert.True(r.Intents.HasFlag(MessageIntents.Request));
        Assert.True(Assess("👍").Intents.HasFlag(MessageIntents.EmojiOnly));
    }

    [Fact]
    public void Assess_BrandMessage_IsNotTriaged()
    {
        var reply = SocialSla.Core.Tests.Support.Make.Reply("r1", 1, "1", text: "lawsuit refund outage");
        var r = Default.Assess(reply, default);
        Assert.False(r.Actionable);
        Assert.Equal(Priority.Normal, r.Priority);
        Assert.Same(reply, Default.Apply(reply, default));
    }

    [Fact]
    public void Apply_SetsActionableAndPriority_AndKeepsTheInstanceWhenUnchanged()
    {
        var triage = new MentionTriage(TriageOptions.Default);
        var praise = Text("@ContosoCoffee great coffee today");
        var applied = triage.Apply(praise, default, out var result);
        Assert.False(applied.Actionable);
        Assert.Equal(Priority.Low, applied.Priority);
        Assert.Equal(result.Priority, applied.Priority);
        Assert.Equal(praise.Id, applied.Id);

        var question = Text("@ContosoCoffee is the Main St store open today?");
        Assert.Same(question, triage.Apply(question, default));
    }

    [Fact]
    public void Assess_TenThousandCharacters_IsHandled()
    {
        var text = "@ContosoCoffee " + string.Concat(Enumerable.Repeat("refund please, the order was wrong. ", 300));
        var r = Default.Assess(Text(text[..10_000]), default);
        Assert.True(r.Actionable);
        Assert.Equal(Priority.High, r.Priority);
    }
}
