using System.Text.Json;
using System.Web;
using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;
using static SocialSla.Core.Tests.Pulls.PullExamples;

namespace SocialSla.Core.Tests.Pulls;

public sealed partial class PullProtocolTests
{
    private const string XQuery = "(\"Contoso Coffee\" OR contosocoffee OR @ContosoCoffee) -from:ContosoCoffee -is:retweet";
    private static readonly PullSource XSearch = PullSource.XRecentSearch("x-earned", XQuery, XAccount, XBrandId, "ContosoCoffee",
        baseUrl: new Uri("http://127.0.0.1:9/proxy/"));

    [Fact]
    public void Plan_XFirstRun_EscapesQueryAndAsksForThreadingFields()
    {
        var plan = PullProtocol.Plan(XSearch, PullCursor.Empty);

        Assert.Equal("http://127.0.0.1:9/proxy/2/tweets/search/recent", plan.Url.GetLeftPart(UriPartial.Path));
        var q = HttpUtility.ParseQueryString(plan.Url.Query);
        Assert.Equal(XQuery, q["query"]);
        Assert.DoesNotContain(" ", plan.Url.AbsoluteUri);
        Assert.Contains("conversation_id", q["tweet.fields"]);
        Assert.Contains("referenced_tweets", q["tweet.fields"]);
        Assert.Equal("author_id", q["expansions"]);
        Assert.Null(q["since_id"]);
        Assert.Null(q["next_token"]);
        Assert.Equal(PullAuth.Bearer, plan.Auth);
        Assert.DoesNotContain(plan.Headers, h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Parse_XExample_MapsPostsFromPayload()
    {
        var json = Json("x_v2_recent_search_response.json");
        var posts = json.GetProperty("data").EnumerateArray().ToList();
        var users = json.GetProperty("includes").GetProperty("users").EnumerateArray()
            .ToDictionary(u => u.GetProperty("id").GetString()!, u => u.GetProperty("username").GetString());

        var result = PullProtocol.Parse(XSearch, PullCursor.Empty, Ok(Bytes("x_v2_recent_search_response.json")), Brands);

        Assert.Equal(PullOutcome.Ok, result.Outcome);
        Assert.Equal(posts.Count, result.Batch.Mentions.Count);
        foreach (var (post, m) in posts.Zip(result.Batch.Mentions))
        {
            Assert.Equal(new MentionId(Platform.X, post.GetProperty("id").GetString()!), m.Id);
            Assert.Equal(post.GetProperty("conversation_id").GetString(), m.ThreadKey);
            Assert.Equal(post.GetProperty("author_id").GetString(), m.Author.Id);
            Assert.Equal(users[m.Author.Id], m.Author.Handle);
            Assert.Equal(post.GetProperty("text").GetString(), m.Text);
            Assert.Equal(Iso(post.GetProperty("created_at").GetString()!), m.CreatedAt);
            Assert.Equal(Channel.Mention, m.Channel);
            Assert.False(m.FromBrand);
            var replyTo = post.TryGetProperty("referenced_tweets", out var refs)
                ? refs.EnumerateArray().First(r => r.GetProperty("type").GetString() == "replied_to").GetProperty("id").GetString()
                : null;
            Assert.Equal(replyTo, m.ParentId?.ExternalId);
        }
    }

    [Fact]
    public void Parse_XSinglePage_AdvancesSinceIdToNewestId()
    {
        var newest = Json("x_v2_recent_search_response.json").GetProperty("meta").GetProperty("newest_id").GetString();

        var result = PullProtocol.Parse(XSearch, new PullCursor { SinceId = "1" }, Ok(Bytes("x_v2_recent_search_response.json")), Brands);

        Assert.False(result.MoreFollows);
        Assert.Equal(newest, result.Cursor.SinceId);
        Assert.Null(result.Cursor.NextToken);
        Assert.Equal(newest, HttpUtility.ParseQueryString(PullProtocol.Plan(XSearch, result.Cursor).Url.Query)["since_id"]);
    }

    [Fact]
    public void Parse_XPages_KeepSinceIdUntilLastPageThenTakeFirstPagesNewest()
    {
        var page1 = """{"data":[{"id":"30","text":"a","author_id":"9","created_at":"2026-03-02T15:00:00Z"}],"meta":{"newest_id":"30","oldest_id":"30","result_count":1,"next_token":"tok2"}}""";
        var page2 = """{"data":[{"id":"20","text":"b","author_id":"9","created_at":"2026-03-02T14:00:00Z"}],"meta":{"newest_id":"20","oldest_id":"20","result_count":1}}""";
        var start = new PullCursor { SinceId = "10" };

        var r1 = PullProtocol.Parse(XSearch, start, Ok(page1), Brands);
        Assert.True(r1.MoreFollows);
        Assert.Equal("10", r1.Cursor.SinceId); // not yet: a crash now must repeat the run, not skip page 2
        Assert.Equal("tok2", r1.Cursor.NextToken);
        var q = HttpUtility.ParseQueryString(PullProtocol.Plan(XSearch, r1.Cursor).Url.Query);
        Assert.Equal("tok2", q["next_token"]);
        Assert.Equal("10", q["since_id"]);

        var r2 = PullProtocol.Parse(XSearch, r1.Cursor, Ok(page2), Brands);
        Assert.False(r2.MoreFollows);
        Assert.Equal("30", r2.Cursor.SinceId);
        Assert.Null(r2.Cursor.NextToken);
        Assert.Null(r2.Cursor.PendingNewestId);
    }

    [Fact]
    public void Parse_XNoResults_KeepsSinceId()
    {
        var result = PullProtocol.Parse(XSearch, new PullCursor { SinceId = "77" }, Ok("""{"meta":{"result_count":0}}"""), Brands);

        Assert.Equal(PullOutcome.Ok, result.Outcome);
        Assert.Empty(result.Batch.Mentions);
        Assert.Equal("77", result.Cursor.SinceId);
    }

    [Fact]
    public void Parse_XPostByBrand_IsFromBrand()
    {
        var body = $$$"""{"data":[{"id":"5","text":"We're on it","author_id":"{{{XBrandId}}}","created_at":"2026-03-02T15:00:00Z","conversation_id":"4","referenced_tweets":[{"type":"replied_to","id":"4"}]}],"meta":{"newest_id":"5","result_count":1}}""";

        var m = Assert.Single(PullProtocol.Parse(XSearch, PullCursor.Empty, Ok(body), Brands).Batch.Mentions);

        Assert.True(m.FromBrand);
        Assert.Equal("4", m.ParentId?.ExternalId);
    }

    [Fact]
    public void Parse_X429WithReset_IsRateLimitedUntilReset()
    {
        var reset = ReceivedAt + Duration.FromMinutes(7);
        var cursor = new PullCursor { SinceId = "10" };

        var result = PullProtocol.Parse(XSearch, cursor, Response(429, """{"title":"Too Many Requests","type":"https://api.twitter.com/2/problems/rate-limit-exceeded"}"""u8.ToArray(),
            ("x-rate-limit-limit", "450"), ("x-rate-limit-remaining", "0"), ("x-rate-limit-reset", reset.ToUnixTimeSeconds().ToString())), Brands);

        Assert.Equal(PullOutcome.RateLimited, result.Outcome);
        Assert.Equal(reset, result.RetryAt);
        Assert.Same(cursor, result.Cursor);
    }

    [Fact]
    public void Parse_XOkWithExhaustedWindow_HintsReset_ButNotWhileRequestsRemain()
    {
        var reset = ReceivedAt + Duration.FromMinutes(3);
        var body = Bytes("x_v2_recent_search_response.json");

        var exhausted = PullProtocol.Parse(XSearch, PullCursor.Empty, Ok(body, ("x-rate-limit-remaining", "0"), ("x-rate-limit-reset", reset.ToUnixTimeSeconds().ToString())), Brands);
        var plenty = PullProtocol.Parse(XSearch, PullCursor.Empty, Ok(body, ("x-rate-limit-remaining", "449"), ("x-rate-limit-reset", reset.ToUnixTimeSeconds().ToString())), Brands);

        Assert.Equal(reset, exhausted.RetryAt);
        Assert.Equal(2, exhausted.Batch.Mentions.Count);
        Assert.Null(plenty.RetryAt);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"errors":[{"message":"Invalid query"}]}""")]
    [InlineData("""{"data":[{"text":"no id"}],"meta":{}}""")]
    public void Parse_XGarbage_IsBadBodyAndKeepsCursor(string body)
    {
        var cursor = new PullCursor { SinceId = "10" };

        var result = PullProtocol.Parse(XSearch, cursor, Ok(body), Brands);

        Assert.Equal(PullOutcome.BadBody, result.Outcome);
        Assert.Same(cursor, result.Cursor);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Parse_X500_IsHttpErrorWithRetryAfter()
    {
        var result = PullProtocol.Parse(XSearch, PullCursor.Empty, Response(503, [], ("Retry-After", "120")), Brands);

        Assert.Equal(PullOutcome.HttpError, result.Outcome);
        Assert.Equal(ReceivedAt + Duration.FromSeconds(120), result.RetryAt);
    }

    [Fact]
    public void Parse_AccountNotConfigured_CountsIgnored()
    {
        var other = PullSource.XRecentSearch("x-other", "q", new PlatformAccountId(Platform.X, "Unknown"), "42");

        var result = PullProtocol.Parse(other, PullCursor.Empty, Ok(Bytes("x_v2_recent_search_response.json")), Brands);

        Assert.Empty(result.Batch.Mentions);
        Assert.Equal(2, result.Batch.Ignored);
        Assert.Equal("1897000000000000004", result.Cursor.SinceId);
    }
}
