using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Tests.Webhooks;

/// <summary>The spec sheet's fictional Contoso Coffee accounts (platform-specs.md, "Fictional identities").</summary>
internal static class WebhookTestBrands
{
    public const string PageId = "104857600123456";
    public const string InstagramId = "17841400000012345";
    public const string XUserId = "1500000000000000001";

    public static readonly PlatformAccountId Facebook = new(Platform.Facebook, "ContosoCoffee");
    public static readonly PlatformAccountId Messenger = new(Platform.Messenger, "ContosoCoffee");
    public static readonly PlatformAccountId Instagram = new(Platform.Instagram, "contosocoffee");
    public static readonly PlatformAccountId X = new(Platform.X, "ContosoCoffee");

    public static readonly BrandDirectory All = new([
        new BrandAccount(Facebook, PageId), new BrandAccount(Messenger, PageId),
        new BrandAccount(Instagram, InstagramId), new BrandAccount(X, XUserId, "ContosoCoffee"),
    ]);

    public static readonly BrandDirectory None = new([]);
}
