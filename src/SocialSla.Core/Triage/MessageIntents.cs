namespace SocialSla.Core.Triage;

/// <summary>What a customer message does, as cues in its text show; several may hold at once.</summary>
[Flags]
public enum MessageIntents : ushort
{
    /// <summary>No cue found (chit-chat, or nothing to go on).</summary>
    None = 0,
    /// <summary>Asks something: a question mark, or a question word opening the message.</summary>
    Question = 1 << 0,
    /// <summary>Complains: negative sentiment or a complaint term (refund, lost, delayed, …).</summary>
    Complaint = 1 << 1,
    /// <summary>Asks for something to be done (please, help, DM me, can you …).</summary>
    Request = 1 << 2,
    /// <summary>Reports an outage or a problem (down, not working, error, crash, …).</summary>
    Outage = 1 << 3,
    /// <summary>Thanks someone.</summary>
    Thanks = 1 << 4,
    /// <summary>Praises (positive sentiment).</summary>
    Praise = 1 << 5,
    /// <summary>Holds only emoji, emoticons, mentions, links or punctuation: no words.</summary>
    EmojiOnly = 1 << 6,
    /// <summary>Carries a sarcasm marker ("yeah right", "thanks for nothing", #sarcasm, …).</summary>
    Sarcasm = 1 << 7,

    /// <summary>The intents that make a message need a reply.</summary>
    NeedsReply = Question | Complaint | Request | Outage,
}
