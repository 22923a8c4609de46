using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;
using SocialSla.Standalone.Pulls;

namespace SocialSla.Standalone.Server.Configuration;

/// <summary>Turns a configured pull source into a job, with the setting at fault named when it cannot.</summary>
internal static class PullConfig
{
    public static bool TryCreate(PullOptions options, [NotNullWhen(true)] out PullJob? job, [NotNullWhen(false)] out string? error)
    {
        job = null;
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            error = "name is required";
            return false;
        }
        if (!PlatformAccountId.TryParse(options.Account, out var account))
        {
            error = $"account must be platform:name, not '{options.Account}'";
            return false;
        }
        if (options.IntervalSeconds is < 10 or > 86_400)
        {
            error = "intervalSeconds must be between 10 and 86400";
            return false;
        }
        Uri? url = null;
        if (options.Url is not null && (!Uri.TryCreate(options.Url, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            error = "url must be an absolute http(s) URL";
            return false;
        }
        try
        {
            var source = options.Kind.ToLowerInvariant() switch
            {
                "rss" or "atom" => url is null ? throw new ArgumentException("url (the feed) is required")
                    : PullSource.Feed(options.Name, url, account, options.Channel?.ToLowerInvariant() == "review" ? Channel.Review : Channel.Post),
                "x" => PullSource.XRecentSearch(options.Name, options.Query ?? throw new ArgumentException("query is required"), account, options.BrandId, options.BrandHandle, baseUrl: url),
                "reddit" => PullSource.Reddit(options.Name, account, options.BrandId, options.Subreddit, options.Query, baseUrl: url),
                "youtube" => PullSource.YouTube(options.Name, account, options.BrandId, options.VideoId, baseUrl: url),
                _ => throw new ArgumentException("kind must be rss, x, reddit or youtube"),
            };
            job = new PullJob(source, TimeSpan.FromSeconds(options.IntervalSeconds), options.Credential);
        }
        catch (ArgumentException e)
        {
            error = e.Message.Split(" (Parameter")[0];
            return false;
        }
        error = null;
        return true;
    }
}
