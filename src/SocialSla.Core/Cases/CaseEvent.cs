using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Cases;

/// <summary>Something that happened to a case: a timeline entry plus what it says about the case's priority.</summary>
/// <param name="Entry">The dated fact.</param>
/// <param name="Priority">The priority a customer message carries (raises the case's priority, never lowers it).</param>
public readonly record struct CaseEvent(TimelineEntry Entry, Priority Priority = Priority.Normal)
{
    /// <summary>A customer message.</summary>
    public static CaseEvent CustomerMessage(Instant at, bool actionable = true, Priority priority = Priority.Normal) =>
        new(new TimelineEntry(at, TimelineEntryKind.CustomerMessage, actionable), priority);

    /// <summary>A brand reply; an automated one fulfils no clock.</summary>
    public static CaseEvent BrandReply(Instant at, bool automated = false) =>
        new(new TimelineEntry(at, automated ? TimelineEntryKind.AutomatedReply : TimelineEntryKind.BrandReply));

    /// <summary>An explicit resolution.</summary>
    public static CaseEvent Resolve(Instant at) => new(new TimelineEntry(at, TimelineEntryKind.Resolved));

    /// <summary>Clocks paused.</summary>
    public static CaseEvent Pause(Instant at) => new(new TimelineEntry(at, TimelineEntryKind.Paused));

    /// <summary>Clocks resumed.</summary>
    public static CaseEvent Resume(Instant at) => new(new TimelineEntry(at, TimelineEntryKind.Resumed));
}
