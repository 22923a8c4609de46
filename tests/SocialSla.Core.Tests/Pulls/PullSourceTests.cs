using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;

namespace SocialSla.Core.Tests.Pulls;

public sealed class PullSourceTests
{
    [Fact]
    public void Factories_Misconfiguration_Throws()
    {
        var x = new PlatformAccountId(Platform.X, "ContosoCoffee");
        Assert.Throws<ArgumentException>(() => PullSource.Feed("f", new Uri("https://f.example/rss"), x));
        Assert.Throws<ArgumentException>(() => PullSource.Feed("f", new Uri("ftp://f.example/rss"), PullExamples.FeedAccount));
        Assert.Throws<ArgumentException>(() => PullSource.Feed("f", new Uri("https://f.example/rss"), PullExamples.FeedAccount, Channel.Dm));
        Assert.Throws<ArgumentException>(() => PullSource.XRecentSearch("", "q", x, "1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => PullSource.XRecentSearch("x", "q", x, "1", pageSize: 5));
        Assert.Throws<ArgumentException>(() => PullSource.Reddit("r", PullExamples.RedditAccount, "b"));
        Assert.Throws<ArgumentException>(() => PullSource.Reddit("r", PullExamples.RedditAccount, "b", subreddit: "../x"));
        Assert.Throws<ArgumentException>(() => PullSource.YouTube("y", PullExamples.YouTubeAccount, null));
    }
}
