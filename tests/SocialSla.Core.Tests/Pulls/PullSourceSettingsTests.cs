using SocialSla.Core.Pulls;

namespace SocialSla.Core.Tests.Pulls;

public class PullSourceSettingsTests
{
    [Theory]
    [InlineData(null, "rss", "rss:forum", "https://f.example/rss", null, 300, "name is required")]
    [InlineData("f", "gopher", "rss:forum", null, null, 300, "kind must be rss, x, reddit or youtube")]
    [InlineData("f", "rss", "forum", "https://f.example/rss", null, 300, "account must be platform:name, not 'forum'")]
    [InlineData("f", "rss", "rss:forum", "https://f.example/rss", null, 59, "intervalSeconds must be between 60 and 86400")]
    [InlineData("f", "rss", "rss:forum", "https://f.example/rss", null, 86_401, "intervalSeconds must be between 60 and 86400")]
    [InlineData("f", "rss", "rss:forum", "ftp://f.example/rss", null, 300, "url must be an absolute http(s) URL")]
    [InlineData("f", "rss", "rss:forum", null, null, 300, "url (the feed) is required")]
    [InlineData("x", "x", "x:Contoso", null, null, 300, "query is required")]
    public void A_bad_setting_is_named(string? name, string kind, string account, string? url, string? query, int interval, string expected)
    {
        var settings = new PullSourceSettings(name, kind, account, url, query, IntervalSeconds: interval);
        Assert.False(settings.TryCreate(60, out var source, out _, out var error));
        Assert.Null(source);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Valid_settings_make_the_source_and_the_interval_the_host_allows()
    {
        var feed = new PullSourceSettings("forum", "Atom", "rss:forum", "https://f.example/atom.xml", Channel: "Review", IntervalSeconds: 60);
        Assert.True(feed.TryCreate(60, out var source, out var interval, out _));
        Assert.Equal(TimeSpan.FromMinutes(1), interval);
        Assert.Equal("forum", source.Name);
        Assert.Equal(Mentions.Channel.Review, source.FeedChannel);
        Assert.Equal(PullSourceKind.Rss, source.Kind);
        Assert.False(feed with { IntervalSeconds = 30 } is var fast && fast.TryCreate(60, out _, out _, out _));
        Assert.True(fast.TryCreate(10, out _, out _, out _)); // serve polls more often than a minute
    }
}
