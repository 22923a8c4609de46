using System.Net;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Pulls;

namespace SocialSla.Core.Tests.Pulls;

/// <summary>The HTTP exchange both hosts use for a pull, and the paging decision after each page.</summary>
public sealed class PullHttpTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 9, 0);

    [Theory]
    [InlineData(PullAuth.Bearer, "Authorization", "Bearer s3cret")]
    [InlineData(PullAuth.GoogleApiKey, "X-Goog-Api-Key", "s3cret")]
    public void The_credential_travels_as_the_plan_says_with_the_plans_headers(PullAuth auth, string header, string expected)
    {
        var plan = new PullRequestPlan(new Uri("https://api.example.com/2/search?q=x"), [new("If-None-Match", "\"abc\"")], auth);
        using var request = PullHttp.CreateRequest(plan, "s3cret");
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, string.Join(",", request.Headers.GetValues(header)));
        Assert.Equal("\"abc\"", string.Join(",", request.Headers.GetValues("If-None-Match")));

        using var anonymous = PullHttp.CreateRequest(plan, null);
        Assert.False(anonymous.Headers.Contains(header));
    }

    [Fact]
    public async Task A_body_is_read_to_one_byte_past_the_limit_and_headers_are_kept_by_name()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[PullProtocol.MaxBodyBytes + 500]) };
        response.Headers.TryAddWithoutValidation("x-rate-limit-remaining", "3");
        var read = await PullHttp.ReadResponseAsync(response, () => T0, CancellationToken.None);
        Assert.Equal(PullProtocol.MaxBodyBytes + 1, read.Body.Length);
        Assert.Equal("3", read.Header("X-Rate-Limit-Remaining"));
        Assert.Equal((200, T0), (read.Status, read.ReceivedAt));
    }

    private static PullResult Page(bool moreFollows, Instant? retryAt) =>
        new(PullOutcome.Ok, new WebhookBatch([], 0), PullCursor.Empty, moreFollows, retryAt, null);

    [Fact]
    public void Paging_goes_on_at_once_only_while_pages_follow_under_the_limit_and_the_source_asks_no_wait()
    {
        Assert.True(PullSchedule.FetchesNextPageNow(Page(true, null), 3, 20, T0, out var later));
        Assert.False(later);

        Assert.False(PullSchedule.FetchesNextPageNow(Page(false, null), 3, 20, T0, out later));
        Assert.False(later); // the run is complete

        Assert.False(PullSchedule.FetchesNextPageNow(Page(true, null), 20, 20, T0, out later));
        Assert.True(later); // the per-run limit: the rest next time

        Assert.False(PullSchedule.FetchesNextPageNow(Page(true, T0 + Duration.FromMinutes(1)), 3, 20, T0, out later));
        Assert.True(later); // the source asked to wait

        Assert.True(PullSchedule.FetchesNextPageNow(Page(true, T0), 3, 20, T0, out _)); // a wait already over
    }
}
