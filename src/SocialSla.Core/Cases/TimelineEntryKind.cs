namespace SocialSla.Core.Cases;

/// <summary>What a timeline entry records.</summary>
public enum TimelineEntryKind : byte
{
    /// <summary>A customer wrote.</summary>
    CustomerMessage = 1,
    /// <summary>A person on the brand's team replied.</summary>
    BrandReply,
    /// <summary>A bot or auto-responder replied for the brand; it fulfils no clock.</summary>
    AutomatedReply,
    /// <summary>Someone resolved the case explicitly.</summary>
    Resolved,
    /// <summary>The clocks were paused.</summary>
    Paused,
    /// <summary>The clocks were resumed.</summary>
    Resumed,
}
