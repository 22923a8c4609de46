namespace SocialSla.Core.Triage;

/// <summary>What the caller knows about a message beyond the message itself: its place in the conversation and
/// what the platform reports about its engagement.</summary>
/// <param name="AfterBrandReply">Whether the message follows a brand reply in its conversation (so a bare
/// "thanks!" closes the exchange rather than opening a next-reply clock).</param>
/// <param name="EngagementPerHour">Reactions, replies and shares per hour on a public post, when the platform reports
/// them; <see langword="null"/> when unknown.</param>
/// <param name="Sentiment">The message's sentiment from a cloud language service, when the host has one (it then
/// replaces the offline analyser's verdict); <see langword="null"/>: the offline analyser decides.</param>
/// <remarks>Immutable; the default value knows nothing.</remarks>
public readonly record struct TriageContext(bool AfterBrandReply = false, double? EngagementPerHour = null, SentimentScore? Sentiment = null)
{
    /// <summary>A context that knows nothing beyond the message.</summary>
    public static TriageContext None => default;
}
