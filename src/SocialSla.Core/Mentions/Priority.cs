namespace SocialSla.Core.Mentions;

/// <summary>How urgently a message needs a reply; high and urgent get the short reply target.</summary>
public enum Priority : byte
{
    /// <summary>Low priority.</summary>
    Low = 1,
    /// <summary>Normal priority (the default).</summary>
    Normal,
    /// <summary>High priority.</summary>
    High,
    /// <summary>Urgent.</summary>
    Urgent,
}
