using System.Globalization;
using Azure;
using Azure.AI.TextAnalytics;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;

namespace SocialSla.Functions.Adapters;

/// <summary>Sentiment of customer messages from Azure AI Language (<see cref="TextAnalyticsClient"/>, managed identity),
/// mapped and completed by Core (<see cref="SentimentBatches"/>): at most 10 documents per request, a document the
/// service fails (or a failed request) is scored by the offline analyser.</summary>
/// <remarks>Without <c>LanguageEndpoint</c> the client is <see langword="null"/> and every score is
/// <see langword="null"/>: triage then runs the offline analyser itself (<see cref="SentimentAnalyzer"/>, the same
/// verdict). Brand messages are not scored (triage ignores them).</remarks>
public sealed class LanguageSentiment(TextAnalyticsClient? client, ILogger<LanguageSentiment> log)
{
    /// <summary>One score per mention (<see langword="null"/>: leave it to triage's offline analyser).</summary>
    public async Task<SentimentScore?[]> ScoreAsync(IReadOnlyList<Mention> mentions, CancellationToken cancellationToken)
    {
        if (client is null) return new SentimentScore?[mentions.Count];
        var sent = SentimentBatches.ToSend(mentions);
        var verdicts = new ServiceSentiment?[mentions.Count];
        foreach (var range in SentimentBatches.Plan(sent.Length))
        {
            List<TextDocumentInput> documents = [.. sent[range].Select(i => new TextDocumentInput(i.ToString(CultureInfo.InvariantCulture), mentions[i].Text))];
            try
            {
                Response<AnalyzeSentimentResultCollection> response =
                    await client.AnalyzeSentimentBatchAsync(documents, new AnalyzeSentimentOptions(), cancellationToken);
                foreach (AnalyzeSentimentResult result in response.Value)
                {
                    // DocumentSentiment throws on a result with an error: check first.
                    if (result.HasError)
                    {
                        Log.SentimentDocumentFailed(log, result.Id, result.Error.ErrorCode.ToString());
                        continue;
                    }
                    var sentiment = result.DocumentSentiment;
                    verdicts[int.Parse(result.Id, CultureInfo.InvariantCulture)] = new ServiceSentiment(sentiment.Sentiment.ToString(),
                        sentiment.ConfidenceScores.Positive, sentiment.ConfidenceScores.Neutral, sentiment.ConfidenceScores.Negative);
                }
            }
            // The service failing in any way (an error answer, no token for the identity, the network, a timeout) is
            // not the message's fault: the offline analyser scores these texts.
            catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException or HttpRequestException
                || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.SentimentBatchFailed(log, documents.Count, (e as RequestFailedException)?.Status ?? 0);
            }
        }
        return SentimentBatches.ForMentions(mentions, verdicts);
    }
}
