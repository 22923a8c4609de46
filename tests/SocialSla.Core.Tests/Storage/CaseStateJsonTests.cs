using SocialSla.Core.Cases;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Storage;

public class CaseStateJsonTests
{
    private static CaseState Opened() => CaseMachine.Create(new CaseId("x:ContosoCoffee:1"), Customer("1", 0), SlaPolicy.Default);

    [Fact]
    public void Read_WrittenTagsAndQueue_RoundTrip()
    {
        var track = default(SocialSla.Core.Triage.CaseSentimentTrack)
            .With(new(-0.625f, SocialSla.Core.Triage.SentimentLabel.Negative)).With(new(0.5f, SocialSla.Core.Triage.SentimentLabel.Positive));
        var state = Opened() with { Tags = ["shipping", "billing"], Queue = "logistics", Sentiment = track };
        var read = CaseStateJson.Read(CaseStateJson.ToUtf8(state), SlaPolicy.Default);
        Assert.Equal(["shipping", "billing"], read.Tags);
        Assert.Equal("logistics", read.Queue);
        Assert.Equal(track, read.Sentiment);
    }

    [Fact]
    public void Read_StateWrittenBeforeRouting_HasNoTagsAndNoQueue()
    {
        var bytes = CaseStateJson.ToUtf8(Opened());
        var read = CaseStateJson.Read(bytes, SlaPolicy.Default);
        Assert.Empty(read.Tags);
        Assert.Null(read.Queue);
        Assert.Equal(0, read.Sentiment.Count);
        Assert.DoesNotContain("\"tags\"", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("\"queue\"", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
