namespace SocialSla.Core.Mentions;

/// <summary>Who wrote a message, as far as the platform tells.</summary>
/// <param name="Id">The platform's id of the author (never empty).</param>
/// <param name="Handle">The public handle or display name, when known.</param>
/// <param name="Followers">The follower count, when the platform reports it.</param>
/// <param name="Verified">Whether the platform marks the author as verified.</param>
public sealed record Author(string Id, string? Handle = null, long? Followers = null, bool Verified = false);
