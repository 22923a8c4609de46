namespace SocialSla.Core.Triage;

/// <summary>The sentiment class of a message.</summary>
public enum SentimentLabel : byte
{
    /// <summary>The analyser does not know the message's language, so it does not guess.</summary>
    Unknown = 0,
    /// <summary>Negative: a complaint, frustration, anger.</summary>
    Negative,
    /// <summary>Neutral: a question, information, no clear feeling.</summary>
    Neutral,
    /// <summary>Positive: thanks, praise, satisfaction.</summary>
    Positive,
}
