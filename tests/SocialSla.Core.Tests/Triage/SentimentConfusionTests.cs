using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

public class SentimentConfusionTests
{
    [Fact]
    public void Scores_SmallMatrix_MatchHandComputedValues()
    {
        var m = new SentimentConfusion();
        // negative: 3 right, 1 as neutral; neutral: 1 right, 1 as positive; positive: 2 right, 1 unknown.
        for (var i = 0; i < 3; i++) m.Add(SentimentLabel.Negative, SentimentLabel.Negative);
        m.Add(SentimentLabel.Negative, SentimentLabel.Neutral);
        m.Add(SentimentLabel.Neutral, SentimentLabel.Neutral);
        m.Add(SentimentLabel.Neutral, SentimentLabel.Positive);
        m.Add(SentimentLabel.Positive, SentimentLabel.Positive);
        m.Add(SentimentLabel.Positive, SentimentLabel.Positive);
        m.Add(SentimentLabel.Positive, SentimentLabel.Unknown);
        Assert.Equal(9, m.Total);
        Assert.Equal(1.0, m.Precision(SentimentLabel.Negative), 6);
        Assert.Equal(0.75, m.Recall(SentimentLabel.Negative), 6);
        Assert.Equal(0.5, m.Precision(SentimentLabel.Neutral), 6);
        Assert.Equal(2.0 / 3, m.Recall(SentimentLabel.Positive), 6);
        Assert.Equal(6.0 / 9, m.Accuracy, 6);
        var f1 = new[] { 2 * 0.75 / 1.75, 0.5, 2 * (2.0 / 3) * (2.0 / 3) / (4.0 / 3) };
        Assert.Equal(f1.Average(), m.MacroF1, 6);
    }

    [Fact]
    public void LabelledTextReader_ReadsColumnsInAnyOrder_SkipsUnlabelled()
    {
        var csv = "id,sentiment,text\n1,positive,\"great, thanks\"\n2,mixed,hmm\n3,NEGATIVE,awful\n";
        Assert.True(LabelledTextReader.TryRead(new StringReader(csv), out var docs, out var skipped, out _));
        Assert.Equal(1, skipped);
        Assert.Equal([new LabelledText("great, thanks", SentimentLabel.Positive), new LabelledText("awful", SentimentLabel.Negative)], docs);
        Assert.False(LabelledTextReader.TryRead(new StringReader("id,body\n1,x\n"), out _, out _, out var error));
        Assert.Contains("sentiment", error);
    }
}
