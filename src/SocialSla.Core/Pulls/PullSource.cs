using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pulls;

/// <summary>One pulled source: what to ask, where, and for which brand account the mentions are.</summary>
/// <remarks>
/// <para>Create one with <see cref="Feed"/>, <see cref="XRecentSearch"/>, <see cref="Reddit"/> or
/// <see cref="YouTube"/>; each validates its arguments. <see cref="BaseUrl"/> defaults to the platform's public API and
/// may point anywhere (a proxy, a test server).</para>
/// <para>The brand's own posts are recognised by <see cref="BrandPlatformId"/> (the author's platform id) or
/// <see cref="BrandHandle"/> (the author's handle, case-insensitive, a leading <c>@</c> ignored), and also by the
/// <see cref="Ingestion.BrandAccount"/> that the directory holds for <see cref="Account"/>.</para>
/// <para>Immutable; equality is by value. <see cref="Name"/> keys the stored cursor, so renaming a source restarts it.</para>
/// </remarks>
public sealed record PullSource
{
    /// <summary>The X API's default base URL.</summary>
    public static readonly Uri DefaultXBaseUrl = new("https://api.x.com/");
    /// <summary>Reddit's OAuth API default base URL.</summary>
    public static readonly Uri DefaultRedditBaseUrl = new("https://oauth.reddit.com/");
    /// <summary>The YouTube Data API v3 default base URL.</summary>
    public static readonly Uri DefaultYouTubeBaseUrl = new("https://www.googleapis.com/youtube/v3/");

    private PullSource(string name, PullSourceKind kind, Uri baseUrl, PlatformAccountId account)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The base URL '{baseUrl}' is not an absolute http(s) URL.", nameof(baseUrl));
        var platform = PlatformOf(kind);
        if (account.Value is null || account.Platform != platform)
            throw new ArgumentException($"The account '{account}' is not a {platform.ToWireName()} account, which a {kind} source needs.", nameof(account));
        Name = name;
        Kind = kind;
        BaseUrl = baseUrl;
        Account = account;
    }

    /// <summary>The source's name, unique in a deployment; it keys the stored cursor and appears in status and logs.</summary>
    public string Name { get; }

    /// <summary>The protocol.</summary>
    public PullSourceKind Kind { get; }

    /// <summary>The feed URL (RSS/Atom) or the API's base URL (others).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The brand account the pulled mentions are for.</summary>
    public PlatformAccountId Account { get; }

    /// <summary>The X search query or the Reddit search text (<c>q</c>); <see langword="null"/> for feeds, YouTube and Reddit comment listings.</summary>
    public string? Query { get; private init; }

    /// <summary>The subreddit (without <c>r/</c>) a Reddit source is restricted to, if any.</summary>
    public string? Subreddit { get; private init; }

    /// <summary>The YouTube video whose comment threads are read, if the source is per video.</summary>
    public string? VideoId { get; private init; }

    /// <summary>The YouTube channel all of whose comment threads are read (<c>allThreadsRelatedToChannelId</c>), if the source is per channel.</summary>
    public string? ChannelId { get; private init; }

    /// <summary>The brand's platform id (X user id, Reddit <c>t2_</c> fullname or user name, YouTube channel id), used to recognise brand replies.</summary>
    public string? BrandPlatformId { get; private init; }

    /// <summary>The brand's handle (X username, Reddit user name, YouTube <c>@handle</c>), used to recognise brand replies.</summary>
    public string? BrandHandle { get; private init; }

    /// <summary>The channel of feed items: <see cref="Channel.Post"/> (forums, blogs; the default) or <see cref="Channel.Review"/> (review sites).</summary>
    public Channel FeedChannel { get; private init; } = Channel.Post;

    /// <summary>Items asked for per page (X: 10–100, Reddit: 1–100, YouTube: 1–100); 100 unless set.</summary>
    public int PageSize { get; private init; } = 100;

    /// <summary>The platform of the source's mentions.</summary>
    public Platform Platform => PlatformOf(Kind);

    /// <summary>Describes an RSS 2.0 or Atom feed.</summary>
    /// <param name="name">The source name.</param>
    /// <param name="feedUrl">The feed's absolute http(s) URL.</param>
    /// <param name="account">The <c>rss:</c> brand account the items are for.</param>
    /// <param name="channel"><see cref="Channel.Post"/> or <see cref="Channel.Review"/>.</param>
    /// <exception cref="ArgumentException">A name is empty, the URL is not absolute http(s), the account is not an
    /// <c>rss</c> account, or the channel is neither post nor review.</exception>
    public static PullSource Feed(string name, Uri feedUrl, PlatformAccountId account, Channel channel = Channel.Post)
    {
        if (channel is not (Channel.Post or Channel.Review))
            throw new ArgumentException($"A feed's channel must be post or review, not {channel}.", nameof(channel));
        return new PullSource(name, PullSourceKind.Rss, feedUrl, account) { FeedChannel = channel };
    }

    /// <summary>Describes an X API v2 recent search.</summary>
    /// <param name="name">The source name.</param>
    /// <param name="query">The search query (at most 4,096 characters; self-serve plans allow 512).</param>
    /// <param name="account">The <c>x:</c> brand account.</param>
    /// <param name="brandUserId">The brand's X user id; posts by it are brand replies.</param>
    /// <param name="brandHandle">The brand's username, if known.</param>
    /// <param name="pageSize">Results per page, 10–100.</param>
    /// <param name="baseUrl">The API base URL; <see cref="DefaultXBaseUrl"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An argument is empty or out of range, or the account is not an <c>x</c> account.</exception>
    public static PullSource XRecentSearch(string name, string query, PlatformAccountId account, string? brandUserId,
        string? brandHandle = null, int pageSize = 100, Uri? baseUrl = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        if (query.Length > 4096) throw new ArgumentException($"The query has {query.Length} characters; X accepts at most 4,096.", nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
        return new PullSource(name, PullSourceKind.XRecentSearch, baseUrl ?? DefaultXBaseUrl, account)
        {
            Query = query, BrandPlatformId = brandUserId, BrandHandle = brandHandle, PageSize = pageSize,
        };
    }

    /// <summary>Describes a Reddit listing: a search when <paramref name="query"/> is given (within
    /// <paramref name="subreddit"/> when that is given too), else the new comments of <paramref name="subreddit"/>.</summary>
    /// <param name="name">The source name.</param>
    /// <param name="account">The <c>reddit:</c> brand account.</param>
    /// <param name="brandUser">The brand's Reddit user name (or <c>t2_</c> fullname); its posts and comments are brand replies.</param>
    /// <param name="subreddit">The subreddit, without <c>r/</c>.</param>
    /// <param name="query">The search text (at most 512 characters).</param>
    /// <param name="pageSize">Items per page, 1–100.</param>
    /// <param name="baseUrl">The API base URL; <see cref="DefaultRedditBaseUrl"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Neither a query nor a subreddit is given, an argument is out of range, or the account is not a <c>reddit</c> account.</exception>
    public static PullSource Reddit(string name, PlatformAccountId account, string? brandUser, string? subreddit = null,
        string? query = null, int pageSize = 100, Uri? baseUrl = null)
    {
        if (string.IsNullOrWhiteSpace(subreddit) && string.IsNullOrWhiteSpace(query))
            throw new ArgumentException("A Reddit source needs a search query, a subreddit, or both.", nameof(query));
        if (query is { Length: > 512 }) throw new ArgumentException($"The query has {query.Length} characters; Reddit accepts at most 512.", nameof(query));
        if (subreddit is not null && !IsSubredditName(subreddit))
            throw new ArgumentException($"'{subreddit}' is not a subreddit name (letters, digits, '_', '+').", nameof(subreddit));
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
        return new PullSource(name, PullSourceKind.Reddit, baseUrl ?? DefaultRedditBaseUrl, account)
        {
            Query = string.IsNullOrWhiteSpace(query) ? null : query,
            Subreddit = string.IsNullOrWhiteSpace(subreddit) ? null : subreddit,
            BrandPlatformId = brandUser, BrandHandle = brandUser, PageSize = pageSize,
        };
    }

    /// <summary>Describes a YouTube comment-thread listing of one video, or of every video of a channel.</summary>
    /// <param name="name">The source name.</param>
    /// <param name="account">The <c>youtube:</c> brand account.</param>
    /// <param name="brandChannelId">The brand's channel id; comments by it are brand replies.</param>
    /// <param name="videoId">The video, or <see langword="null"/> to read every thread related to <paramref name="channelId"/>.</param>
    /// <param name="channelId">The channel whose threads are read when <paramref name="videoId"/> is <see langword="null"/>; defaults to <paramref name="brandChannelId"/>.</param>
    /// <param name="pageSize">Threads per page, 1–100.</param>
    /// <param name="baseUrl">The API base URL; <see cref="DefaultYouTubeBaseUrl"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Neither a video nor a channel is known, an argument is out of range, or the account is not a <c>youtube</c> account.</exception>
    public static PullSource YouTube(string name, PlatformAccountId account, string? brandChannelId, string? videoId = null,
        string? channelId = null, int pageSize = 100, Uri? baseUrl = null)
    {
        channelId ??= brandChannelId;
        if (string.IsNullOrWhiteSpace(videoId) && string.IsNullOrWhiteSpace(channelId))
            throw new ArgumentException("A YouTube source needs a video id or a channel id.", nameof(videoId));
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
        return new PullSource(name, PullSourceKind.YouTube, baseUrl ?? DefaultYouTubeBaseUrl, account)
        {
            VideoId = string.IsNullOrWhiteSpace(videoId) ? null : videoId,
            ChannelId = string.IsNullOrWhiteSpace(videoId) ? channelId : null,
            BrandPlatformId = brandChannelId, PageSize = pageSize,
        };
    }

    /// <summary>The platform whose mentions a kind of source yields.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined.</exception>
    public static Platform PlatformOf(PullSourceKind kind) => kind switch
    {
        PullSourceKind.Rss => Platform.Rss,
        PullSourceKind.XRecentSearch => Platform.X,
        PullSourceKind.Reddit => Platform.Reddit,
        PullSourceKind.YouTube => Platform.YouTube,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined source kind."),
    };

    private static bool IsSubredditName(string name) =>
        name.Length is > 0 and <= 200 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+');
}
