namespace SocialSla.Core.Triage;

/// <summary>The reasons that set a message's priority; several may hold at once.</summary>
[Flags]
public enum PriorityReasons : ushort
{
    /// <summary>Nothing raised or lowered the priority: it is normal.</summary>
    None = 0,
    /// <summary>Lowered to low: the message is noise.</summary>
    Noise = 1 << 0,
    /// <summary>Lowered to low: the message needs no reply.</summary>
    NotActionable = 1 << 1,
    /// <summary>The author has at least the configured number of followers.</summary>
    Reach = 1 << 2,
    /// <summary>The platform marks the author as verified.</summary>
    Verified = 1 << 3,
    /// <summary>The author is on the known-customer (VIP) list.</summary>
    Vip = 1 << 4,
    /// <summary>The sentiment is at or below the configured negative threshold.</summary>
    NegativeSentiment = 1 << 5,
    /// <summary>The text names an urgent term (lawsuit, safety, outage, …).</summary>
    UrgentTerm = 1 << 6,
    /// <summary>The text names a high-priority term (cancel, refund, …).</summary>
    HighTerm = 1 << 7,
    /// <summary>The post's engagement velocity, as the platform reports it, is at or above the configured threshold.</summary>
    EngagementVelocity = 1 << 8,
}
