namespace SocialSla.Core.Triage;

/// <summary>What makes a pulled, un-tagged public mention about a brand account: one of its keywords, and none of
/// its exclusions.</summary>
/// <param name="Account">The brand account, <c>platform:account</c> (e.g. <c>x:ContosoCoffee</c>) or just the
/// account value.</param>
/// <param name="Keywords">Terms of which one must occur (as <see cref="RoutingConditions.Terms"/>); empty to accept
/// any mention that names no exclusion.</param>
/// <param name="Exclusions">Terms that make a mention off-brand (e.g. <c>contoso corp</c>, a namesake).</param>
/// <remarks>Applies to mentions on the <c>mention</c> and <c>post</c> channels that reply to nothing and do not
/// name the brand's handle; DMs, comments, reviews and replies are always about the brand.</remarks>
public sealed record BrandScope(string Account, IReadOnlyList<string> Keywords, IReadOnlyList<string> Exclusions);
