namespace SocialSla.Core.Triage;

/// <summary>Why the noise filter called a message noise; <see cref="None"/> for a message that is not noise.</summary>
[Flags]
public enum NoiseReasons : byte
{
    /// <summary>Not noise.</summary>
    None = 0,
    /// <summary>Too many links, or a link with promotion terms.</summary>
    LinkSpam = 1 << 0,
    /// <summary>Giveaway or promotion patterns (win, giveaway, promo code, follow and retweet, …).</summary>
    Promotion = 1 << 1,
    /// <summary>The same text, up to case, links, mentions, numbers and punctuation, from several authors.</summary>
    NearDuplicate = 1 << 2,
    /// <summary>The author looks like a bot (a configured id, or a handle of the configured bot shape).</summary>
    BotAuthor = 1 << 3,
    /// <summary>A pulled, un-tagged public mention that names none of the brand's keywords or names an exclusion.</summary>
    OffBrand = 1 << 4,
}
