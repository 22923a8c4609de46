using NodaTime;

namespace SocialSla.Core.Cases;

/// <summary>One dated fact of a case's history: the only input the SLA evaluation needs besides the terms.</summary>
/// <param name="At">When it happened (event time, not receive time).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Actionable">For a customer message: whether it needs a reply (otherwise it starts no clock).</param>
public readonly record struct TimelineEntry(Instant At, TimelineEntryKind Kind, bool Actionable = true)
{
    /// <summary>The order of entries at the same instant: customers before replies, replies before resolution, then pauses.</summary>
    internal int Rank => Kind switch
    {
        TimelineEntryKind.CustomerMessage => 0,
        TimelineEntryKind.BrandReply or TimelineEntryKind.AutomatedReply => 1,
        TimelineEntryKind.Resolved => 2,
        _ => 3,
    };
}
