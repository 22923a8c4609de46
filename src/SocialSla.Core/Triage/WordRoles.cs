namespace SocialSla.Core.Triage;

/// <summary>What a lexicon word or phrase does besides carrying a valence.</summary>
[Flags]
internal enum WordRoles : ushort
{
    None = 0,
    /// <summary>Negates the next few words (not, never, don't, no, …).</summary>
    Negator = 1 << 0,
    /// <summary>Strengthens the next sentiment word (very, so, really, …).</summary>
    Intensifier = 1 << 1,
    /// <summary>Weakens the next sentiment word (slightly, kinda, …).</summary>
    Diminisher = 1 << 2,
    /// <summary>Turns the weight to the clause after it (but, however, …).</summary>
    Contrast = 1 << 3,
    /// <summary>Opens a question when it opens the message (how, why, can, …).</summary>
    QuestionWord = 1 << 4,
    /// <summary>Asks for something (please, help, DM, …).</summary>
    Request = 1 << 5,
    /// <summary>Reports an outage or a fault.</summary>
    Outage = 1 << 6,
    /// <summary>Thanks.</summary>
    Thanks = 1 << 7,
    /// <summary>A complaint term whatever the sentiment.</summary>
    Complaint = 1 << 8,
    /// <summary>A sarcasm marker.</summary>
    Sarcasm = 1 << 9,
    /// <summary>Ends at least one lexicon phrase.</summary>
    PhraseEnd = 1 << 10,
}
