using System.Text;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;

namespace SocialSla.Core.Tests.Pulls;

/// <summary>The shared example payloads (found by walking up to <c>shared/reference</c>) and the fictional brand of the spec sheet.</summary>
internal static class PullExamples
{
    public static readonly Instant ReceivedAt = Instant.FromUtc(2026, 3, 2, 17, 0);

    public static readonly PlatformAccountId XAccount = new(Platform.X, "ContosoCoffee");
    public static readonly PlatformAccountId RedditAccount = new(Platform.Reddit, "ContosoCoffee_Official");
    public static readonly PlatformAccountId YouTubeAccount = new(Platform.YouTube, "ContosoCoffee");
    public static readonly PlatformAccountId FeedAccount = new(Platform.Rss, "contoso-web");

    public const string XBrandId = "1500000000000000001";
    public const string YouTubeBrandChannel = "UC1a2B3c4D5e6F7g8H9i0JkL";

    public static BrandDirectory Brands { get; } = new(
    [
        new BrandAccount(XAccount, XBrandId, "ContosoCoffee"),
        new BrandAccount(RedditAccount, "ContosoCoffee_Official", "ContosoCoffee_Official"),
        new BrandAccount(YouTubeAccount, YouTubeBrandChannel, "@ContosoCoffee"),
        new BrandAccount(FeedAccount, "contoso-web"),
    ]);

    public static string PathOf(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "examples", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"shared/reference/examples/{file} was not found beside any parent of {AppContext.BaseDirectory}.");
    }

    public static byte[] Bytes(string file) => File.ReadAllBytes(PathOf(file));

    public static JsonElement Json(string file) => JsonDocument.Parse(Bytes(file)).RootElement;

    public static PullResponse Ok(byte[] body, params (string Name, string Value)[] headers) => Response(200, body, headers);

    public static PullResponse Response(int status, byte[] body, params (string Name, string Value)[] headers) =>
        new(status, name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value, body, ReceivedAt);

    public static PullResponse Ok(string body, params (string Name, string Value)[] headers) => Ok(Encoding.UTF8.GetBytes(body), headers);

    public static Instant Iso(string text) => NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;
}
