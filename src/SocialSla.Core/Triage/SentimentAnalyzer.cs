namespace SocialSla.Core.Triage;

/// <summary>The offline sentiment analyser, the default wherever no cloud language service is configured.</summary>
/// <remarks>
/// <para>A hand-written English lexicon with negation (three words of scope, ended by sentence punctuation or a
/// contrast word), intensifiers and diminishers, contrast (<c>but</c> weights the clause after it), emoji and
/// emoticons, elongation (<c>sooooo</c>), hashtags, capitals for emphasis, exclamation marks, customer-care phrases
/// (<c>still waiting</c>, <c>on hold</c>, <c>no response</c>, <c>cancelled my flight</c>, <c>thank you so much</c>)
/// and sarcasm markers (<c>yeah right</c>, <c>thanks for nothing</c>, <c>#sarcasm</c>, <c>/s</c>, or thanks followed
/// closely by a clearly negative word). The score is in [−1, 1]; at or above
/// <see cref="PositiveThreshold"/> it is positive, at or below <see cref="NegativeThreshold"/> negative.</para>
/// <para>Text that <see cref="LanguageDetector"/> finds to be in another language than English is
/// <see cref="SentimentLabel.Unknown"/> with score 0: the analyser does not guess. Empty text is neutral.</para>
/// <para>Pure, allocation-free, and thread-safe.</para>
/// </remarks>
public static class SentimentAnalyzer
{
    /// <summary>The score at or above which a text is positive (0.25).</summary>
    public const float PositiveThreshold = TextScanner.PositiveThreshold;

    /// <summary>The score at or below which a text is negative (−0.1): a message to a brand with any clear complaint
    /// cue is a complaint, while politeness alone is not praise.</summary>
    public const float NegativeThreshold = TextScanner.NegativeThreshold;

    /// <summary>Scores one text.</summary>
    public static SentimentScore Analyze(ReadOnlySpan<char> text) => TextScanner.Scan(text, null, default).Sentiment;

    /// <summary>Scores one text; <see langword="null"/> is treated as empty.</summary>
    public static SentimentScore Analyze(string? text) => Analyze(text.AsSpan());
}
