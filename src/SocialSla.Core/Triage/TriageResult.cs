using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>Triage's verdict on one message.</summary>
/// <param name="Noise">Why the message is noise; <see cref="NoiseReasons.None"/> when it is not.</param>
/// <param name="Actionable">Whether the message needs a reply (and so may start a clock); never for noise.</param>
/// <param name="Intents">What the message does, as its text shows.</param>
/// <param name="Priority">The priority, which chooses the reply target.</param>
/// <param name="PriorityReasons">The reasons that set the priority.</param>
/// <param name="Sentiment">The sentiment of the text.</param>
/// <param name="Language">The language of the text.</param>
/// <param name="Tags">The routing tags, in rule order without repeats; empty when no rule applied.</param>
/// <param name="Queue">The queue the message goes to.</param>
/// <remarks>Immutable; equality is by value (the tag list by reference). Brand messages are not triaged: they come
/// back not noise, not actionable, normal priority, with the default queue.</remarks>
public readonly record struct TriageResult(
    NoiseReasons Noise,
    bool Actionable,
    MessageIntents Intents,
    Priority Priority,
    PriorityReasons PriorityReasons,
    SentimentScore Sentiment,
    Language Language,
    IReadOnlyList<string> Tags,
    string Queue)
{
    /// <summary>Whether the noise filter called the message noise.</summary>
    public bool IsNoise => Noise != NoiseReasons.None;
}
