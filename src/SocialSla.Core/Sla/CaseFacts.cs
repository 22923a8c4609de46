using SocialSla.Core.Mentions;

namespace SocialSla.Core.Sla;

/// <summary>What a policy rule may look at when it chooses the terms of a case.</summary>
/// <param name="Account">The brand account of the case.</param>
/// <param name="Channel">The case's channel.</param>
/// <param name="Priority">The case's priority (the highest of its customer messages).</param>
/// <param name="Tags">Routing tags of the case (none until triage tags it).</param>
public sealed record CaseFacts(PlatformAccountId Account, Channel Channel, Priority Priority, IReadOnlyCollection<string> Tags)
{
    /// <summary>Facts with no tags.</summary>
    public CaseFacts(PlatformAccountId account, Channel channel, Priority priority)
        : this(account, channel, priority, Array.Empty<string>())
    {
    }
}
