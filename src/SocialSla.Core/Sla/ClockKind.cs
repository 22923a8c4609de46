namespace SocialSla.Core.Sla;

/// <summary>The reply clocks a case runs (design §3).</summary>
public enum ClockKind : byte
{
    /// <summary>From the first customer message of the case to the first brand reply after it.</summary>
    FirstReply = 1,
    /// <summary>From the first customer message that follows a brand reply to the next brand reply.</summary>
    NextReply,
    /// <summary>From the first customer message to resolution.</summary>
    Resolution,
    /// <summary>The platform's private-reply window (Meta DMs: 24 h after the customer's last message).</summary>
    ReplyWindow,
}
