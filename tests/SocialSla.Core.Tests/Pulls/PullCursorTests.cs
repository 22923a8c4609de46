using NodaTime;
using SocialSla.Core.Pulls;

namespace SocialSla.Core.Tests.Pulls;

public sealed class PullCursorTests
{
    [Fact]
    public void ToJson_EveryMember_RoundTrips()
    {
        var cursor = new PullCursor
        {
            ETag = "W/\"x\"", LastModified = "Mon, 02 Mar 2026 15:11:00 GMT", SinceId = "1", NextToken = "n", PendingNewestId = "2",
            After = "t3_a", PageToken = "p", HighWater = Instant.FromUtc(2026, 3, 2, 15, 0), PendingHighWater = Instant.FromUtc(2026, 3, 2, 16, 0, 1),
            NewestId = "t3_b", SeenIds = ["a", "b\"quoted\""],
        };

        Assert.True(PullCursor.TryParse(cursor.ToJson(), out var back, out _));

        Assert.Equal(cursor.ToJson(), back.ToJson());
        Assert.Equal(cursor.HighWater, back.HighWater);
        Assert.Equal(cursor.SeenIds, back.SeenIds);
    }

    [Fact]
    public void TryParse_NullOrEmpty_IsEmpty()
    {
        Assert.True(PullCursor.TryParse(null, out var a, out _));
        Assert.True(PullCursor.TryParse("", out var b, out _));
        Assert.Same(PullCursor.Empty, a);
        Assert.Same(PullCursor.Empty, b);
        Assert.Equal("{}", PullCursor.Empty.ToJson());
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("[]")]
    [InlineData("""{"seen":"x"}""")]
    [InlineData("""{"highWater":"yesterday"}""")]
    [InlineData("""{"sinceId":{"a":1}}""")]
    public void TryParse_Invalid_SaysWhy(string text)
    {
        Assert.False(PullCursor.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void WithSeen_IsBoundedNewestFirst()
    {
        var cursor = new PullCursor { SeenIds = [.. Enumerable.Range(0, PullCursor.MaxSeenIds).Select(i => "old" + i)] };

        var seen = cursor.WithSeen(["new1", "new2", "old0"]);

        Assert.Equal(PullCursor.MaxSeenIds, seen.Count);
        Assert.Equal(["new1", "new2", "old0", "old1"], seen.Take(4));
    }
}
