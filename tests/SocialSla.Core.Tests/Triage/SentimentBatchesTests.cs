using SocialSla.Core.Tests.Support;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

public class SentimentBatchesTests
{
    [Fact]
    public void Plan_TwentyThreeTexts_MakesBatchesOfTenTenThree()
    {
        var batches = SentimentBatches.Plan(23);
        Assert.Equal([10, 10, 3], batches.Select(r => r.GetOffsetAndLength(23).Length));
        Assert.Equal(20, batches[2].Start.Value);
        Assert.Empty(SentimentBatches.Plan(0));
    }

    [Theory]
    [InlineData("positive", 0.9, 0.05, 0.05, SentimentLabel.Positive)]
    [InlineData("NEGATIVE", 0.0, 0.1, 0.9, SentimentLabel.Negative)]
    [InlineData("neutral", 0.1, 0.8, 0.1, SentimentLabel.Neutral)]
    [InlineData("mixed", 0.4, 0.1, 0.5, SentimentLabel.Negative)]
    [InlineData("mixed", 0.5, 0.1, 0.4, SentimentLabel.Positive)]
    [InlineData("mixed", 0.45, 0.1, 0.45, SentimentLabel.Negative)]
    public void ToScore_ServiceLabels_MapOntoTheOfflineScale(string label, double positive, double neutral, double negative, SentimentLabel expected)
    {
        var score = SentimentBatches.ToScore(new ServiceSentiment(label, positive, neutral, negative));
        Assert.Equal(expected, score.Label);
        Assert.Equal((float)(positive - negative), score.Score, 5);
    }

    [Fact]
    public void ToScore_UnknownLabel_IsUnknownWithScoreZero() =>
        Assert.Equal(new SentimentScore(0, SentimentLabel.Unknown), SentimentBatches.ToScore(new ServiceSentiment("angry", 0, 0, 1)));

    [Fact]
    public void Combine_DocumentsTheServiceFailed_FallBackToTheOfflineAnalyser()
    {
        string?[] texts = ["love it, thank you so much!", "still waiting, this is terrible", null];
        var scores = SentimentBatches.Combine(texts, [new ServiceSentiment("neutral", 0.1, 0.8, 0.1), null]);
        Assert.Equal(SentimentLabel.Neutral, scores[0].Label);
        Assert.Equal(SentimentAnalyzer.Analyze(texts[1]), scores[1]);
        Assert.Equal(SentimentAnalyzer.Analyze((string?)null), scores[2]);
    }

    [Fact]
    public void Fits_EmptyOrOverTheLimit_IsNotSent()
    {
        Assert.False(SentimentBatches.Fits(" "));
        Assert.False(SentimentBatches.Fits(new string('a', SentimentBatches.MaxCharactersPerDocument + 1)));
        Assert.True(SentimentBatches.Fits(new string('a', SentimentBatches.MaxCharactersPerDocument)));
    }

    [Fact]
    public void Only_customer_messages_that_fit_are_sent_and_brand_messages_get_no_score()
    {
        var mentions = new[]
        {
            Make.Customer("1", 0) with { Text = "this is awful, still waiting" },
            Make.Reply("2", 1, "1"),
            Make.Customer("3", 2) with { Text = "" },
            Make.Customer("4", 3) with { Text = new string('a', SentimentBatches.MaxCharactersPerDocument + 1) },
            Make.Customer("5", 4) with { Text = "thanks, great service" },
        };

        Assert.Equal([0, 4], SentimentBatches.ToSend(mentions));

        var verdicts = new ServiceSentiment?[mentions.Length];
        verdicts[4] = new ServiceSentiment("positive", 0.9, 0.1, 0.0);
        var scores = SentimentBatches.ForMentions(mentions, verdicts);
        Assert.Null(scores[1]);
        Assert.Equal(SentimentAnalyzer.Analyze(mentions[0].Text), scores[0]); // not answered: the offline analyser
        Assert.Equal(new SentimentScore(0.9f, SentimentLabel.Positive), scores[4]);
        Assert.All(new[] { 0, 2, 3, 4 }, i => Assert.NotNull(scores[i]));
    }
}
