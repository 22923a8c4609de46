using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;
using static SocialSla.Core.Tests.Triage.TriageMentions;

namespace SocialSla.Core.Tests.Triage;

public partial class MentionTriageTests
{
    [Fact]
    public void Assess_ManyLinks_IsLinkSpam()
    {
        var r = Assess("@ContosoCoffee cheap deals https://a.example/1 https://b.example/2 www.c.example/3");
        Assert.True(r.Noise.HasFlag(NoiseReasons.LinkSpam));
        Assert.False(r.Actionable);
        Assert.Equal(Priority.Low, r.Priority);
        Assert.Equal(PriorityReasons.Noise, r.PriorityReasons);
    }

    [Theory]
    [InlineData("@ContosoCoffee GIVEAWAY! follow and retweet to win a year of coffee")]
    [InlineData("@ContosoCoffee use promo code SAVE20 https://shop.example")]
    public void Assess_PromotionPatterns_AreNoise(string text) => Assert.True(Assess(text).Noise.HasFlag(NoiseReasons.Promotion), text);

    [Fact]
    public void Assess_ACustomerQuotingAPromotionInAComplaint_IsNotNoise()
    {
        var r = Assess("@ContosoCoffee your promo code did not work at checkout, what a rip off https://shop.example");
        Assert.Equal(NoiseReasons.None, r.Noise);
        Assert.True(r.Actionable);
    }

    [Fact]
    public void Assess_SameTextFromThreeAuthors_IsNearDuplicate_FromOneAuthorIsNot()
    {
        var triage = new MentionTriage(TriageOptions.Default);
        const string text = "@ContosoCoffee check this amazing offer for new customers today";
        Assert.Equal(NoiseReasons.None, triage.Assess(Text(text, author: "1"), default).Noise);
        Assert.Equal(NoiseReasons.None, triage.Assess(Text(text.ToUpperInvariant() + " 123", author: "2"), default).Noise);
        Assert.True(triage.Assess(Text("@Other " + text + "!!", author: "3"), default).Noise.HasFlag(NoiseReasons.NearDuplicate));

        var single = new MentionTriage(TriageOptions.Default);
        for (var i = 0; i < 5; i++) Assert.Equal(NoiseReasons.None, single.Assess(Text(text, author: "9"), default).Noise);
    }

    [Fact]
    public void Assess_ShortTextsFromManyAuthors_AreNotNearDuplicates()
    {
        var triage = new MentionTriage(TriageOptions.Default);
        for (var i = 0; i < 10; i++) Assert.Equal(NoiseReasons.None, triage.Assess(Text("@ContosoCoffee thanks!", author: i.ToString()), default).Noise);
    }

    [Fact]
    public void Assess_BotAuthors_AreNoise()
    {
        var options = TriageOptions.Default with { BotAuthorIds = new HashSet<string> { "777" } };
        var triage = new MentionTriage(options);
        Assert.True(triage.Assess(Text("@ContosoCoffee where is my order?", author: "777"), default).Noise.HasFlag(NoiseReasons.BotAuthor));
        Assert.True(triage.Assess(Text("@ContosoCoffee where is my order?", handle: "deals4u83726451", followers: 0), default).Noise.HasFlag(NoiseReasons.BotAuthor));
        Assert.Equal(NoiseReasons.None, triage.Assess(Text("@ContosoCoffee where is my order?", handle: "jane1990", followers: 0), default).Noise);
        Assert.Equal(NoiseReasons.None, triage.Assess(Text("@ContosoCoffee where is my order?", handle: "deals4u83726451", followers: 5000), default).Noise);
    }

    [Fact]
    public void Assess_PulledMentions_OffBrandByKeywordsAndExclusions()
    {
        var options = TriageOptions.Default with
        {
            Brands = [new BrandScope("x:ContosoCoffee", ["contoso coffee", "contoso latte"], ["contoso corp", "contoso bank"])],
        };
        var triage = new MentionTriage(options);
        Assert.Equal(NoiseReasons.None, triage.Assess(Text("why is my Contoso latte always cold?", Channel.Post), default).Noise);
        Assert.True(triage.Assess(Text("Contoso Corp shares fell today, why?", Channel.Post), default).Noise.HasFlag(NoiseReasons.OffBrand));
        Assert.True(triage.Assess(Text("anyone know a good plumber?", Channel.Post), default).Noise.HasFlag(NoiseReasons.OffBrand));
        // Naming the handle, replying, or writing a DM is always about the brand.
        Assert.Equal(NoiseReasons.None, triage.Assess(Text("@ContosoCoffee is the store open?", Channel.Post), default).Noise);
        Assert.Equal(NoiseReasons.None, triage.Assess(Text("is it open?", Channel.Post, parent: "55"), default).Noise);
        Assert.Equal(NoiseReasons.None, triage.Assess(Text("is it open?", Channel.Dm), default).Noise);
        // Other accounts are not scoped.
        var other = new PlatformAccountId(Platform.X, "OtherBrand");
        Assert.Equal(NoiseReasons.None, triage.Assess(Text("anyone know a good plumber?", Channel.Post, account: other), default).Noise);
    }
}
