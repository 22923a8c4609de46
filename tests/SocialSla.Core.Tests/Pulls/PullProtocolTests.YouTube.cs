using System.Web;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;
using static SocialSla.Core.Tests.Pulls.PullExamples;

namespace SocialSla.Core.Tests.Pulls;

public sealed partial class PullProtocolTests
{
    private static readonly PullSource YouTubeVideo = PullSource.YouTube("yt-video", YouTubeAccount, YouTubeBrandChannel, videoId: "dQw4Contoso");

    [Fact]
    public void Plan_YouTube_AsksNewestFirstWithApiKeyHeader()
    {
        var plan = PullProtocol.Plan(YouTubeVideo, new PullCursor { PageToken = "abc=" });

        var q = HttpUtility.ParseQueryString(plan.Url.Query);
        Assert.Equal("https://www.googleapis.com/youtube/v3/commentThreads", plan.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal("snippet,replies", q["part"]);
        Assert.Equal("dQw4Contoso", q["videoId"]);
        Assert.Equal("time", q["order"]);
        Assert.Equal("abc=", q["pageToken"]);
        Assert.Null(q["key"]);
        Assert.Equal(PullAuth.GoogleApiKey, plan.Auth);
        var channel = PullSource.YouTube("yt-channel", YouTubeAccount, YouTubeBrandChannel);
        Assert.Equal(YouTubeBrandChannel, HttpUtility.ParseQueryString(PullProtocol.Plan(channel, PullCursor.Empty).Url.Query)["allThreadsRelatedToChannelId"]);
    }

    [Fact]
    public void Parse_YouTubeExample_MapsThreadAndBrandReply()
    {
        var thread = Json("youtube_commentthreads_response.json").GetProperty("items")[0];
        var top = thread.GetProperty("snippet").GetProperty("topLevelComment");
        var reply = thread.GetProperty("replies").GetProperty("comments")[0];

        var result = PullProtocol.Parse(YouTubeVideo, PullCursor.Empty, Ok(Bytes("youtube_commentthreads_response.json")), Brands);

        Assert.Equal(2, result.Batch.Mentions.Count);
        var customer = result.Batch.Mentions[0];
        var brand = result.Batch.Mentions[1];
        Assert.Equal(top.GetProperty("id").GetString(), customer.Id.ExternalId);
        Assert.Null(customer.ParentId);
        Assert.Equal(thread.GetProperty("id").GetString(), customer.ThreadKey);
        Assert.Equal(top.GetProperty("snippet").GetProperty("authorChannelId").GetProperty("value").GetString(), customer.Author.Id);
        Assert.Equal(top.GetProperty("snippet").GetProperty("textOriginal").GetString(), customer.Text);
        Assert.Equal(Iso(top.GetProperty("snippet").GetProperty("publishedAt").GetString()!), customer.CreatedAt);
        Assert.False(customer.FromBrand);
        Assert.Equal(Channel.PublicComment, customer.Channel);

        Assert.Equal(reply.GetProperty("id").GetString(), brand.Id.ExternalId);
        Assert.Equal(reply.GetProperty("snippet").GetProperty("parentId").GetString(), brand.ParentId?.ExternalId);
        Assert.Equal(thread.GetProperty("id").GetString(), brand.ThreadKey);
        Assert.True(brand.FromBrand);
        Assert.Equal(Iso(reply.GetProperty("snippet").GetProperty("publishedAt").GetString()!), brand.CreatedAt);

        // First run: one page, though the response has a nextPageToken; the mark is the newest comment.
        Assert.False(result.MoreFollows);
        Assert.Null(result.Cursor.PageToken);
        Assert.Equal(brand.CreatedAt, result.Cursor.HighWater);
    }

    [Fact]
    public void Parse_YouTubeWithOlderMark_FollowsNextPageToken()
    {
        var json = Json("youtube_commentthreads_response.json");
        var start = new PullCursor { HighWater = Iso("2026-03-01T00:00:00Z") };

        var result = PullProtocol.Parse(YouTubeVideo, start, Ok(Bytes("youtube_commentthreads_response.json")), Brands);

        Assert.True(result.MoreFollows);
        Assert.Equal(json.GetProperty("nextPageToken").GetString(), result.Cursor.PageToken);
        Assert.Equal(start.HighWater, result.Cursor.HighWater);
        Assert.Equal(Iso("2026-03-02T16:00:00Z"), result.Cursor.PendingHighWater);
    }

    [Fact]
    public void Parse_YouTubeMarkBetweenComments_YieldsOnlyNewer()
    {
        var start = new PullCursor { HighWater = Iso("2026-03-02T15:30:00Z") };

        var result = PullProtocol.Parse(YouTubeVideo, start, Ok(Bytes("youtube_commentthreads_response.json")), Brands);

        var m = Assert.Single(result.Batch.Mentions);
        Assert.True(m.FromBrand);
        Assert.True(result.MoreFollows); // the thread's activity (the reply) is newer than the mark
    }

    [Fact]
    public void Parse_YouTubeGarbage_IsBadBody()
    {
        Assert.Equal(PullOutcome.BadBody, PullProtocol.Parse(YouTubeVideo, PullCursor.Empty, Ok("""{"kind":"youtube#commentThreadListResponse"}"""), Brands).Outcome);
        Assert.Equal(PullOutcome.BadBody, PullProtocol.Parse(YouTubeVideo, PullCursor.Empty, Ok("""{"items":[{"snippet":{}}]}"""), Brands).Outcome);
    }
}
