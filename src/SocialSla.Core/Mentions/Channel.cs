namespace SocialSla.Core.Mentions;

/// <summary>The kind of conversation a mention belongs to; it decides the default reply target.</summary>
public enum Channel : byte
{
    /// <summary>A private direct message (<c>dm</c>).</summary>
    Dm = 1,
    /// <summary>A public comment or reply (<c>public_comment</c>).</summary>
    PublicComment,
    /// <summary>A public mention of the brand (<c>mention</c>).</summary>
    Mention,
    /// <summary>A review on a review site or app store (<c>review</c>).</summary>
    Review,
    /// <summary>A standalone post (<c>post</c>).</summary>
    Post,
}
