using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pipeline;

/// <summary>Names a conversation: a reply chain's root message, or a platform thread key within an account and channel.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Scope">For thread keys, <c>account|channel</c>; empty for reply chains (a chain's root is unique on its platform).</param>
/// <param name="Key">The root message's external id, or the thread key.</param>
public readonly record struct ConversationKey(Platform Platform, string Scope, string Key);
