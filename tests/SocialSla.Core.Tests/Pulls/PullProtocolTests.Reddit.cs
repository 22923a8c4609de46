using NodaTime;
using System.Web;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;
using static SocialSla.Core.Tests.Pulls.PullExamples;

namespace SocialSla.Core.Tests.Pulls;

public sealed partial class PullProtocolTests
{
    private static readonly PullSource RedditSearch = PullSource.Reddit("reddit-coffee", RedditAccount, "ContosoCoffee_Official",
        subreddit: "Coffee", query: "\"Contoso Coffee\" & refund");
    private static readonly PullSource RedditComments = PullSource.Reddit("reddit-comments", RedditAccount, "ContosoCoffee_Official", subreddit: "Coffee");

    [Fact]
    public void Plan_RedditSearch_IsNewestFirstWithinSubreddit()
    {
        var plan = PullProtocol.Plan(RedditSearch, new PullCursor { After = "t3_x" });

        Assert.Equal("https://oauth.reddit.com/r/Coffee/search", plan.Url.GetLeftPart(UriPartial.Path));
        var q = HttpUtility.ParseQueryString(plan.Url.Query);
        Assert.Equal("\"Contoso Coffee\" & refund", q["q"]);
        Assert.Equal("new", q["sort"]);
        Assert.Equal("1", q["restrict_sr"]);
        Assert.Equal("1", q["raw_json"]);
        Assert.Equal("t3_x", q["after"]);
        Assert.Equal(PullAuth.Bearer, plan.Auth);
        Assert.Equal("https://oauth.reddit.com/r/Coffee/comments", PullProtocol.Plan(RedditComments, PullCursor.Empty).Url.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public void Parse_RedditSearchExample_MapsPostFromPayload()
    {
        var post = Json("reddit_search_listing.json").GetProperty("data").GetProperty("children")[0].GetProperty("data");

        var result = PullProtocol.Parse(RedditSearch, PullCursor.Empty, Ok(Bytes("reddit_search_listing.json")), Brands);

        var m = Assert.Single(result.Batch.Mentions);
        Assert.Equal(new MentionId(Platform.Reddit, post.GetProperty("name").GetString()!), m.Id);
        Assert.Equal(Channel.Post, m.Channel);
        Assert.Null(m.ParentId);
        Assert.Equal(post.GetProperty("author_fullname").GetString(), m.Author.Id);
        Assert.Equal(post.GetProperty("author").GetString(), m.Author.Handle);
        Assert.False(m.FromBrand);
        Assert.Equal(Instant.FromUnixTimeSeconds((long)post.GetProperty("created_utc").GetDouble()), m.CreatedAt);
        Assert.Contains(post.GetProperty("title").GetString()!, m.Text);
        Assert.Contains(post.GetProperty("selftext").GetString()!, m.Text);
        Assert.EndsWith(post.GetProperty("permalink").GetString()!, m.Url);
        // First run: one page only, and the high-water mark is the newest item.
        Assert.False(result.MoreFollows);
        Assert.Equal(m.CreatedAt, result.Cursor.HighWater);
        Assert.Null(result.Cursor.After);
        Assert.Equal(m.Id.ExternalId, result.Cursor.NewestId);
    }

    [Fact]
    public void Parse_RedditBrandComment_IsFromBrandAndRepliesToPost()
    {
        var comment = Json("reddit_comment_listing_brand_reply.json").GetProperty("data").GetProperty("children")[0].GetProperty("data");

        var m = Assert.Single(PullProtocol.Parse(RedditComments, PullCursor.Empty, Ok(Bytes("reddit_comment_listing_brand_reply.json")), Brands).Batch.Mentions);

        Assert.True(m.FromBrand);
        Assert.Equal(Channel.PublicComment, m.Channel);
        Assert.Equal(new MentionId(Platform.Reddit, comment.GetProperty("name").GetString()!), m.Id);
        Assert.Equal(new MentionId(Platform.Reddit, comment.GetProperty("parent_id").GetString()!), m.ParentId);
        Assert.Null(m.ThreadKey); // reply chain: the root is the post, whatever the channel
        Assert.Equal(comment.GetProperty("body").GetString(), m.Text);
    }

    [Fact]
    public void Parse_RedditNewerThanHighWater_FollowsAfterThenSettles()
    {
        var highWater = Instant.FromUnixTimeSeconds(1772460000); // older than the example post
        var start = new PullCursor { HighWater = highWater };

        var r1 = PullProtocol.Parse(RedditSearch, start, Ok(Bytes("reddit_search_listing.json")), Brands);
        Assert.Single(r1.Batch.Mentions);
        Assert.True(r1.MoreFollows); // everything on the page is newer and the listing has an 'after'
        Assert.Equal("t3_1b2c3d4", r1.Cursor.After);
        Assert.Equal(highWater, r1.Cursor.HighWater);

        var older = """{"kind":"Listing","data":{"after":"t3_old2","children":[{"kind":"t3","data":{"name":"t3_old1","author":"a","created_utc":1772400000.0,"title":"old"}}]}}""";
        var r2 = PullProtocol.Parse(RedditSearch, r1.Cursor, Ok(older), Brands);
        Assert.Empty(r2.Batch.Mentions); // older than the mark
        Assert.False(r2.MoreFollows);
        Assert.Null(r2.Cursor.After);
        Assert.Equal(Instant.FromUnixTimeSeconds(1772464200), r2.Cursor.HighWater);

        var again = PullProtocol.Parse(RedditSearch, r2.Cursor, Ok(Bytes("reddit_search_listing.json")), Brands);
        Assert.Empty(again.Batch.Mentions); // same instant as the mark but already seen
    }

    [Fact]
    public void Parse_Reddit429_HintsWindowReset()
    {
        var result = PullProtocol.Parse(RedditSearch, PullCursor.Empty,
            Response(429, [], ("x-ratelimit-remaining", "0.0"), ("x-ratelimit-used", "100"), ("x-ratelimit-reset", "212")), Brands);

        Assert.Equal(PullOutcome.RateLimited, result.Outcome);
        Assert.Equal(ReceivedAt + Duration.FromSeconds(212), result.RetryAt);
    }

    [Fact]
    public void Parse_RedditOkWithEmptyBudget_HintsReset()
    {
        var result = PullProtocol.Parse(RedditSearch, PullCursor.Empty,
            Ok(Bytes("reddit_search_listing.json"), ("x-ratelimit-remaining", "0.0"), ("x-ratelimit-reset", "30")), Brands);

        Assert.Equal(PullOutcome.Ok, result.Outcome);
        Assert.Equal(ReceivedAt + Duration.FromSeconds(30), result.RetryAt);
    }

    [Theory]
    [InlineData("t1", "[deleted]")]
    [InlineData("t1", "[removed]")]
    [InlineData("t3", "[removed]")]
    public void Parse_RedditDeletedOrRemovedBody_IsTombstoneWithoutText(string kind, string body)
    {
        // Issue #8: Reddit's terms require forgetting content deleted on Reddit; a deleted item stays in listings.
        var field = kind == "t1" ? "body" : "selftext";
        var listing = $$$"""{"kind":"Listing","data":{"children":[{"kind":"{{{kind}}}","data":{"name":"{{{kind}}}_gone1","author":"[deleted]","title":"my refund never came","{{{field}}}":"{{{body}}}","created_utc":1772460000.0,"parent_id":"t3_1b2c3d4"}}]}}""";

        var m = Assert.Single(PullProtocol.Parse(RedditComments, PullCursor.Empty, Ok(listing), Brands).Batch.Mentions);

        Assert.Equal(MentionVerb.Delete, m.Verb);
        Assert.Equal("", m.Text);
        Assert.Equal(new MentionId(Platform.Reddit, kind + "_gone1"), m.Id);
    }

    [Fact]
    public void Parse_RedditBodyQuotingDeletedMarker_IsAnAdd()
    {
        var listing = """{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"name":"t1_q","author":"bob","body":"why was my post [removed]?","created_utc":1772460000.0,"parent_id":"t3_1b2c3d4"}}]}}""";

        var m = Assert.Single(PullProtocol.Parse(RedditComments, PullCursor.Empty, Ok(listing), Brands).Batch.Mentions);

        Assert.Equal(MentionVerb.Add, m.Verb);
        Assert.Equal("why was my post [removed]?", m.Text);
    }

    [Theory]
    [InlineData("""{"kind":"t3","data":{}}""")]
    [InlineData("""{"kind":"Listing"}""")]
    [InlineData("<html>blocked</html>")]
    public void Parse_RedditGarbage_IsBadBody(string body) =>
        Assert.Equal(PullOutcome.BadBody, PullProtocol.Parse(RedditSearch, PullCursor.Empty, Ok(body), Brands).Outcome);
}
