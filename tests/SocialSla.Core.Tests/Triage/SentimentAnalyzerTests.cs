using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

public class SentimentAnalyzerTests
{
    private static SentimentLabel Label(string text) => SentimentAnalyzer.Analyze(text).Label;
    private static float Score(string text) => SentimentAnalyzer.Analyze(text).Score;

    [Theory]
    [InlineData("@Acme the new espresso blend is wonderful", SentimentLabel.Positive)]
    [InlineData("@Acme love the new app, great work", SentimentLabel.Positive)]
    [InlineData("@Acme the checkout is broken and support was useless", SentimentLabel.Negative)]
    [InlineData("@Acme what time does the downtown store open on sunday", SentimentLabel.Neutral)]
    [InlineData("@Acme my parcel number is 48213", SentimentLabel.Neutral)]
    public void Analyze_PlainExamples_Labelled(string text, SentimentLabel expected) => Assert.Equal(expected, Label(text));

    [Fact]
    public void Analyze_NotBad_IsNotNegative()
    {
        Assert.Equal(SentimentLabel.Negative, Label("the soup was bad"));
        Assert.NotEqual(SentimentLabel.Negative, Label("the soup was not bad"));
        Assert.True(Score("the soup was not bad") > 0);
    }

    [Fact]
    public void Analyze_NegatedPraise_IsNegative()
    {
        Assert.Equal(SentimentLabel.Negative, Label("the delivery driver was not helpful at all"));
        Assert.Equal(SentimentLabel.Negative, Label("I don't like the new menu"));
        Assert.Equal(SentimentLabel.Negative, Label("I'm not happy with this order"));
    }

    [Fact]
    public void Analyze_NegationScope_EndsAtSentencePunctuation()
    {
        Assert.True(Score("the coffee was not great") < 0);
        Assert.True(Score("the coffee was not. great staff though") > 0);
        // Three words of scope: "great" is too far from "not" to be negated.
        Assert.True(Score("not sure why the barista was great") > 0);
    }

    [Fact]
    public void Analyze_Intensifiers_StrengthenAndDiminishersWeaken()
    {
        Assert.True(Score("the staff were very helpful") > Score("the staff were helpful"));
        Assert.True(Score("the staff were extremely rude") < Score("the staff were rude"));
        Assert.True(Score("the staff were slightly rude") > Score("the staff were rude"));
    }

    [Fact]
    public void Analyze_Contrast_WeightsTheClauseAfterBut()
    {
        Assert.Equal(SentimentLabel.Negative, Label("the cake looked nice but it tasted awful"));
        Assert.Equal(SentimentLabel.Positive, Label("the wait was annoying but the staff were lovely and helpful"));
    }

    [Fact]
    public void Analyze_EmojiAndEmoticons_CarryValence()
    {
        Assert.Equal(SentimentLabel.Positive, Label("new mugs arrived 😍"));
        Assert.Equal(SentimentLabel.Negative, Label("new mugs arrived 😡"));
        Assert.Equal(SentimentLabel.Positive, Label("order came early :)"));
        Assert.Equal(SentimentLabel.Negative, Label("order came cold :("));
        Assert.Equal(SentimentLabel.Positive, Label("you folks <3"));
    }

    [Fact]
    public void Analyze_Elongation_Emphasises()
    {
        Assert.True(Score("this is goooood") > Score("this is good") - 1e-6f);
        Assert.Equal(SentimentLabel.Positive, Label("sooooo happy with my order"));
        Assert.True(Score("sooooo happy") > Score("happy"));
    }

    [Fact]
    public void Analyze_Capitals_Emphasise()
    {
        Assert.True(Score("the queue was HORRIBLE today") < Score("the queue was horrible today"));
    }

    [Fact]
    public void Analyze_Hashtags_AreWords()
    {
        Assert.Equal(SentimentLabel.Negative, Label("third time this week #fail"));
        Assert.Equal(SentimentLabel.Positive, Label("breakfast sorted #love"));
    }

    [Fact]
    public void Analyze_ExclamationMarks_AddEmphasis()
    {
        Assert.True(Score("great service!!!") > Score("great service"));
    }

    [Theory]
    [InlineData("@Acme still waiting for the technician")]
    [InlineData("@Acme been on hold for 40 minutes")]
    [InlineData("@Acme you cancelled my flight and nobody told me")]
    [InlineData("@Acme emailed twice, no response")]
    [InlineData("@Acme the app is not working since this morning")]
    public void Analyze_CareComplaintPhrases_AreNegative(string text) => Assert.Equal(SentimentLabel.Negative, Label(text));

    [Fact]
    public void Analyze_ThankYouSoMuch_IsPositive()
    {
        Assert.Equal(SentimentLabel.Positive, Label("@Acme thank you so much for sorting my order"));
        Assert.True(Score("thank you so much") > Score("thank you"));
    }

    [Theory]
    [InlineData("@Acme thanks for nothing")]
    [InlineData("@Acme oh great, the router died again")]
    [InlineData("@Acme yeah right, 'next day delivery'")]
    [InlineData("@Acme thanks for losing my parcel")]
    [InlineData("@Acme love waiting two hours for a sandwich #sarcasm")]
    [InlineData("@Acme best service ever /s")]
    public void Analyze_SarcasmMarkers_TurnPraiseNegative(string text) => Assert.Equal(SentimentLabel.Negative, Label(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@Acme")]
    [InlineData("https://example.com/x")]
    public void Analyze_NoWords_IsNeutral(string text)
    {
        var result = SentimentAnalyzer.Analyze(text);
        Assert.Equal(SentimentLabel.Neutral, result.Label);
        Assert.Equal(0f, result.Score);
    }

    [Fact]
    public void Analyze_Null_IsNeutral() => Assert.Equal(SentimentLabel.Neutral, SentimentAnalyzer.Analyze((string?)null).Label);

    [Fact]
    public void Analyze_EmojiOnly_UsesTheEmoji()
    {
        Assert.Equal(SentimentLabel.Positive, Label("👍👍"));
        Assert.Equal(SentimentLabel.Negative, Label("😡😡😡"));
        Assert.Equal(SentimentLabel.Neutral, Label("🚗"));
    }

    [Theory]
    [InlineData("@Acme mi pedido llegó tarde y el café estaba frío, muy mal servicio")]
    [InlineData("@Acme la commande est arrivée en retard et je ne suis pas content du tout")]
    [InlineData("@Acme die Bestellung ist nicht angekommen und ich warte seit einer Woche")]
    [InlineData("@Acme это ужасный сервис")]
    [InlineData("@Acme 服务太差了")]
    public void Analyze_OtherLanguages_AreUnknown(string text)
    {
        var result = SentimentAnalyzer.Analyze(text);
        Assert.Equal(SentimentLabel.Unknown, result.Label);
        Assert.Equal(0f, result.Score);
    }

    [Fact]
    public void Analyze_MixedScripts_EnglishMajority_IsScored()
    {
        Assert.Equal(SentimentLabel.Negative, Label("@Acme 你好 my order is late and the staff were rude"));
        Assert.Equal(SentimentLabel.Positive, Label("@Acme café crème was excellent, merci"));
    }

    [Fact]
    public void Analyze_TenThousandCharacters_IsBoundedAndFinite()
    {
        var text = string.Concat(Enumerable.Repeat("the staff were great but the wait was terrible! ", 220))[..10_000];
        var result = SentimentAnalyzer.Analyze(text);
        Assert.InRange(result.Score, -1f, 1f);
        Assert.NotEqual(SentimentLabel.Unknown, result.Label);
        var unbroken = new string('a', 10_000);
        Assert.Equal(SentimentLabel.Neutral, SentimentAnalyzer.Analyze(unbroken).Label);
    }

    [Fact]
    public void Analyze_LoneSurrogatesAndControlCharacters_DoNotThrow()
    {
        foreach (var text in new[] { "\uD83D", "\uDE00 ok", "a\u0000b", "\uFEFFgood", "#", "@", ":", "'", "n't", "don'" })
            Assert.InRange(SentimentAnalyzer.Analyze(text).Score, -1f, 1f);
    }

    [Property(MaxTest = 500)]
    public Property Prop_ScoreIsWithinUnitRangeAndMatchesItsLabel()
    {
        var words = Gen.Elements("good", "bad", "not", "very", "but", "!", "?", "😡", "🙂", ":)", "still", "waiting",
            "thanks", "for", "nothing", "sooooo", "GREAT", "#fail", "@Acme", "http://x.y", "la", "der", "é", "😂", "\uD83D");
        var texts = Gen.ArrayOf(words).Select(ws => string.Join(' ', ws));
        return Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var r = SentimentAnalyzer.Analyze(text);
            var consistent = r.Label switch
            {
                SentimentLabel.Positive => r.Score >= SentimentAnalyzer.PositiveThreshold,
                SentimentLabel.Negative => r.Score <= SentimentAnalyzer.NegativeThreshold,
                SentimentLabel.Neutral => r.Score > SentimentAnalyzer.NegativeThreshold && r.Score < SentimentAnalyzer.PositiveThreshold,
                _ => r.Score == 0,
            };
            return r.Score is >= -1f and <= 1f && consistent;
        });
    }

    [Property(MaxTest = 300)]
    public Property Prop_AnyStringIsScoredWithoutThrowing() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => SentimentAnalyzer.Analyze(text).Score is >= -1f and <= 1f);
}
