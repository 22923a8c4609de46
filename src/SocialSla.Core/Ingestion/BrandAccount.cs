using SocialSla.Core.Mentions;

namespace SocialSla.Core.Ingestion;

/// <summary>A brand account the deployment serves: the account name used in cases and KPIs, and the platform's own
/// id for it, which webhooks and pulls carry.</summary>
/// <param name="Account">The account as cases and KPIs name it, e.g. <c>x:ContosoCoffee</c>.</param>
/// <param name="PlatformUserId">The platform's id of the account: the X user id, the Facebook Page id (also the
/// Messenger page), the Instagram professional account id, the YouTube channel id, the Reddit user name.</param>
/// <param name="Handle">The public handle, when known (lets a brand's own pulled posts be recognised by name).</param>
public sealed record BrandAccount(PlatformAccountId Account, string PlatformUserId, string? Handle = null);
