namespace SocialSla.Core.Pulls;

/// <summary>The protocol a pulled source speaks (spec sheet §2.7, §3).</summary>
public enum PullSourceKind : byte
{
    /// <summary>An RSS 2.0 or Atom feed of a forum, blog or review site, read with conditional GET.</summary>
    Rss = 1,
    /// <summary>X API v2 recent search (<c>/2/tweets/search/recent</c>), paged by <c>next_token</c> since <c>since_id</c>.</summary>
    XRecentSearch,
    /// <summary>A Reddit listing, newest first: a search (<c>/search</c>, <c>/r/{sub}/search</c>) or a subreddit's new comments (<c>/r/{sub}/comments</c>).</summary>
    Reddit,
    /// <summary>YouTube Data API <c>commentThreads.list</c> of a video or a channel, newest first.</summary>
    YouTube,
}
