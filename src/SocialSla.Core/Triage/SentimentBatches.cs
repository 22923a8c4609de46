using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>How a host scores many texts with a cloud sentiment service: batches of the service's size, the service's
/// verdicts mapped onto <see cref="SentimentScore"/>, and the offline <see cref="SentimentAnalyzer"/> for every text
/// the service could not score.</summary>
/// <remarks>Azure AI Language takes at most <see cref="MaxDocumentsPerRequest"/> documents per synchronous sentiment
/// request and at most <see cref="MaxCharactersPerDocument"/> characters per document; a longer document fails alone
/// (a per-document error), so it is scored offline. Pure and thread-safe.</remarks>
public static class SentimentBatches
{
    /// <summary>Documents per sentiment request (Azure AI Language data limits).</summary>
    public const int MaxDocumentsPerRequest = 10;

    /// <summary>Characters per document (Azure AI Language data limits, counted as text elements).</summary>
    public const int MaxCharactersPerDocument = 5120;

    /// <summary>The index ranges of consecutive batches of at most <paramref name="batchSize"/> texts.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="batchSize"/> is not positive.</exception>
    public static IReadOnlyList<Range> Plan(int count, int batchSize = MaxDocumentsPerRequest)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var ranges = new List<Range>((count + batchSize - 1) / batchSize);
        for (var start = 0; start < count; start += batchSize) ranges.Add(new Range(start, Math.Min(count, start + batchSize)));
        return ranges;
    }

    /// <summary>Whether a text is worth sending: not empty, and within the service's length limit (else the offline
    /// analyser scores it without spending a request slot).</summary>
    public static bool Fits(string? text) =>
        !string.IsNullOrWhiteSpace(text) && new System.Globalization.StringInfo(text).LengthInTextElements <= MaxCharactersPerDocument;

    /// <summary>The indices of the mentions worth sending to the service: customer messages (triage scores no brand
    /// message) whose text <see cref="Fits"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="mentions"/> is <see langword="null"/>.</exception>
    public static int[] ToSend(IReadOnlyList<Mention> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        return [.. Enumerable.Range(0, mentions.Count).Where(i => !mentions[i].FromBrand && Fits(mentions[i].Text))];
    }

    /// <summary>One score per mention: <see cref="Combine"/> for customer messages, <see langword="null"/> for brand
    /// messages (not scored).</summary>
    /// <param name="mentions">The mentions, in order.</param>
    /// <param name="verdicts">The service's verdicts by mention index (see <see cref="Combine"/>).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static SentimentScore?[] ForMentions(IReadOnlyList<Mention> mentions, IReadOnlyList<ServiceSentiment?> verdicts)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        var combined = Combine([.. mentions.Select(m => (string?)m.Text)], verdicts);
        var scores = new SentimentScore?[mentions.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = mentions[i].FromBrand ? null : combined[i];
        return scores;
    }

    /// <summary>Maps a service verdict onto the offline analyser's scale: score = positive − negative; the label is the
    /// service's, except <c>mixed</c>, which is negative when the negative confidence is at least the positive one
    /// (a customer who praises and complains is complaining) and positive otherwise; an unknown label is
    /// <see cref="SentimentLabel.Unknown"/>.</summary>
    public static SentimentScore ToScore(ServiceSentiment verdict)
    {
        var score = (float)Math.Clamp(verdict.Positive - verdict.Negative, -1, 1);
        var label = verdict.Label?.ToLowerInvariant() switch
        {
            "positive" => SentimentLabel.Positive,
            "neutral" => SentimentLabel.Neutral,
            "negative" => SentimentLabel.Negative,
            "mixed" => verdict.Negative >= verdict.Positive ? SentimentLabel.Negative : SentimentLabel.Positive,
            _ => SentimentLabel.Unknown,
        };
        return new SentimentScore(label == SentimentLabel.Unknown ? 0 : score, label);
    }

    /// <summary>One score per text: the service's verdict where it gave one, the offline analyser's elsewhere (a
    /// per-document error, a text not sent, no service configured).</summary>
    /// <param name="texts">The texts, in order.</param>
    /// <param name="verdicts">The service's verdicts by index; <see langword="null"/> entries (or a shorter list) fall back.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static SentimentScore[] Combine(IReadOnlyList<string?> texts, IReadOnlyList<ServiceSentiment?> verdicts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(verdicts);
        var scores = new SentimentScore[texts.Count];
        for (var i = 0; i < scores.Length; i++)
            scores[i] = i < verdicts.Count && verdicts[i] is { } verdict ? ToScore(verdict) : SentimentAnalyzer.Analyze(texts[i]);
        return scores;
    }
}
