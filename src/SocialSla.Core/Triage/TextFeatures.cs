namespace SocialSla.Core.Triage;

/// <summary>What one pass of <see cref="TextScanner"/> found in a text.</summary>
internal struct TextFeatures
{
    public SentimentScore Sentiment;
    public Language Language;
    public MessageIntents Intents;
    public int Words;
    public int Links;
    public int Mentions;
    public int Symbols;
    public bool HasText;
    /// <summary>A hash of the text's words (lower case, without links, mentions, numbers and punctuation).</summary>
    public ulong Fingerprint;
    public int FingerprintWords;
}
