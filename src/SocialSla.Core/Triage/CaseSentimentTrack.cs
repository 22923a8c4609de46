namespace SocialSla.Core.Triage;

/// <summary>The sentiment of a case's first and last customer messages of a known label, as they arrive (in creation
/// order), for <see cref="TriageTally.AddCase"/>.</summary>
/// <param name="First">The first known sentiment.</param>
/// <param name="Last">The latest known sentiment.</param>
/// <param name="Count">How many messages of a known label were seen.</param>
/// <remarks>Immutable; the default value has seen nothing.</remarks>
public readonly record struct CaseSentimentTrack(SentimentScore First, SentimentScore Last, int Count)
{
    /// <summary>The track after one more customer message; unknown-label messages leave it as it is.</summary>
    public CaseSentimentTrack With(SentimentScore sentiment) =>
        sentiment.Label == SentimentLabel.Unknown ? this
        : Count == 0 ? new CaseSentimentTrack(sentiment, sentiment, 1)
        : this with { Last = sentiment, Count = Count + 1 };

    /// <summary>Whether a first and a last message can be compared (two or more of a known label).</summary>
    public bool Comparable => Count >= 2;
}
