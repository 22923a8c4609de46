using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pulls;

/// <summary>A pulled source as a host's configuration states it (the serve JSON file, the Functions app settings), and
/// the one place that turns it into a <see cref="PullSource"/> and an interval, or names the setting at fault.</summary>
/// <param name="Name">The source's name (its cursor is stored under it).</param>
/// <param name="Kind"><c>rss</c> (or <c>atom</c>), <c>x</c>, <c>reddit</c> or <c>youtube</c>.</param>
/// <param name="Account">The brand account, <c>platform:name</c>.</param>
/// <param name="Url">For feeds: the feed. For the others: a base URL replacing the platform's (proxies, tests).</param>
/// <param name="Query">For <c>x</c> and <c>reddit</c>: the search query.</param>
/// <param name="Subreddit">For <c>reddit</c>: the subreddit.</param>
/// <param name="VideoId">For <c>youtube</c>: a video (else the channel's comment threads).</param>
/// <param name="BrandId">The brand's own id on the platform (its posts are brand replies).</param>
/// <param name="BrandHandle">The brand's handle (X).</param>
/// <param name="Channel">For feeds: <c>review</c>, else posts.</param>
/// <param name="IntervalSeconds">How often to pull.</param>
public sealed record PullSourceSettings(string? Name, string? Kind, string? Account, string? Url = null, string? Query = null,
    string? Subreddit = null, string? VideoId = null, string? BrandId = null, string? BrandHandle = null, string? Channel = null,
    int IntervalSeconds = 300)
{
    /// <summary>The longest interval: a day.</summary>
    public const int MaxIntervalSeconds = 86_400;

    /// <summary>The source and its interval, or the reason (naming the setting, lower camel case) they are not valid.</summary>
    /// <param name="minIntervalSeconds">The host's shortest interval (a Functions timer runs each minute).</param>
    /// <param name="source">The source.</param>
    /// <param name="interval">How often to pull it.</param>
    /// <param name="error">What is wrong.</param>
    public bool TryCreate(int minIntervalSeconds, [NotNullWhen(true)] out PullSource? source, out TimeSpan interval, [NotNullWhen(false)] out string? error)
    {
        source = null;
        interval = TimeSpan.FromSeconds(IntervalSeconds);
        error = Problem(minIntervalSeconds, out var account, out var url);
        if (error is not null) return false;
        try
        {
            source = Kind!.ToLowerInvariant() switch
            {
                "rss" or "atom" => url is null ? throw new ArgumentException("url (the feed) is required")
                    : PullSource.Feed(Name!, url, account, Channel?.ToLowerInvariant() == "review" ? Mentions.Channel.Review : Mentions.Channel.Post),
                "x" => PullSource.XRecentSearch(Name!, Query ?? throw new ArgumentException("query is required"), account, BrandId, BrandHandle, baseUrl: url),
                "reddit" => PullSource.Reddit(Name!, account, BrandId, Subreddit, Query, baseUrl: url),
                "youtube" => PullSource.YouTube(Name!, account, BrandId, VideoId, baseUrl: url),
                _ => throw new ArgumentException("kind must be rss, x, reddit or youtube"),
            };
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message.Split(" (Parameter")[0];
            return false;
        }
    }

    private string? Problem(int minIntervalSeconds, out PlatformAccountId account, out Uri? url)
    {
        url = null;
        account = default;
        if (string.IsNullOrWhiteSpace(Name)) return "name is required";
        if (string.IsNullOrWhiteSpace(Kind)) return "kind must be rss, x, reddit or youtube";
        if (!PlatformAccountId.TryParse(Account, out account)) return $"account must be platform:name, not '{Account}'";
        if (IntervalSeconds < minIntervalSeconds || IntervalSeconds > MaxIntervalSeconds)
            return $"intervalSeconds must be between {minIntervalSeconds} and {MaxIntervalSeconds}";
        if (Url is not null && (!Uri.TryCreate(Url, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
            return "url must be an absolute http(s) URL";
        return null;
    }
}
