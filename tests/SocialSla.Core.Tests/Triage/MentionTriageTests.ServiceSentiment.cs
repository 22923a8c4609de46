using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Triage;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Triage;

public partial class MentionTriageTests
{
    private const string Plain = "@ContosoCoffee what time do you open on sunday?";

    [Fact]
    public void Assess_ServiceSentimentGiven_ReplacesTheOfflineVerdict()
    {
        var offline = Assess(Plain);
        var negative = new SentimentScore(-0.9f, SentimentLabel.Negative);
        var given = Assess(Plain, context: new TriageContext(Sentiment: negative));

        Assert.NotEqual(SentimentLabel.Negative, offline.Sentiment.Label);
        Assert.Equal(negative, given.Sentiment);
        Assert.True(given.PriorityReasons.HasFlag(PriorityReasons.NegativeSentiment));
    }

    [Fact]
    public void Ingest_WithServiceSentiment_ReachesTheTriage()
    {
        var triaged = new MentionPipeline(SlaPolicy.Default, new InMemoryPipelineState(), new MentionTriage(new TriageOptions()));
        var plain = new MentionPipeline(SlaPolicy.Default, new InMemoryPipelineState(), new MentionTriage(new TriageOptions()));
        var mention = Customer("1", 0) with { Text = Plain, Channel = Channel.Mention };

        var withSentiment = triaged.Ingest(mention, At(0), new SentimentScore(-0.9f, SentimentLabel.Negative));
        var without = plain.Ingest(mention, At(0));

        Assert.NotEqual(
            Core.Storage.PipelineEffectsJson.ToJson(PipelineEffects.Of(without.Commands)),
            Core.Storage.PipelineEffectsJson.ToJson(PipelineEffects.Of(withSentiment.Commands)));
    }
}
