using System.Net;
using System.Text.Json;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>What the board needs from the server (issue #7): its page and files, <c>/api/me</c>, and the case list's
/// colour, sentiment, tags and priority reasons.</summary>
public sealed class BoardApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private const string Triage = """{ "routing": { "rules": [ { "name": "billing", "when": { "terms": ["refund*", "charged twice"] }, "tags": ["billing", "money"] } ] } }""";
    private readonly ManualTimeProvider _time = new(T0);
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(_time, triage: Triage);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task PostAsync(params string[] lines)
    {
        using var response = await _server.PostMentionsAsync(_time.GetUtcNow(), lines);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _server.WaitProcessedAsync();
    }

    [Fact]
    public async Task The_page_and_its_files_are_served_without_a_token_with_a_strict_content_policy()
    {
        using var page = await _server.Client.GetAsync("/");
        using var script = await _server.Client.GetAsync("/board/board.js");
        using var style = await _server.Client.GetAsync("/board/board.css");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("board/board.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal); // no CDN
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/css", style.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/board/nope.js")]
    [InlineData("/board/index.html")]
    [InlineData("/index.html")]
    [InlineData("/nope")]
    [InlineData("/api/nope")]
    [InlineData("/api/cases-but-not")]
    public async Task Unknown_paths_are_404_even_with_a_token(string path)
    {
        var (status, body) = await _server.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.NotEqual(JsonValueKind.Undefined, body.ValueKind == JsonValueKind.Undefined ? JsonValueKind.Null : body.ValueKind);
    }

    [Fact]
    public async Task Me_tells_the_role_of_the_token_and_needs_one()
    {
        var (readStatus, read) = await _server.SendAsync(HttpMethod.Get, "/api/me", TestServer.ReadToken);
        var (_, agent) = await _server.SendAsync(HttpMethod.Get, "/api/me", TestServer.AgentToken);
        var (none, _) = await _server.SendAsync(HttpMethod.Get, "/api/me", token: null);

        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal(("reader", "read"), (read.GetProperty("name").GetString(), read.GetProperty("role").GetString()));
        Assert.Equal(("agent", "agent"), (agent.GetProperty("name").GetString(), agent.GetProperty("role").GetString()));
        Assert.Equal(T0, read.GetProperty("now").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Unauthorized, none);
    }

    [Fact]
    public async Task Listed_cases_carry_their_colour_sentiment_tags_and_priority_reasons()
    {
        await PostAsync(
            TestServer.Mention("100", T0, text: "where is my order? it was due today"),
            TestServer.Mention("200", T0, channel: "dm", thread: "pair", author: "300", text: "you charged twice and I want a refund, this is terrible"));
        _time.Advance(TimeSpan.FromMinutes(8)); // past the DM's 7.5-minute warning share, not the mention's 30 minutes

        var cases = (await _server.SendAsync(HttpMethod.Get, "/api/cases")).Body.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!);
        var dm = cases["x:ContosoCoffee:pair"];
        var question = cases["x:ContosoCoffee:100"];

        Assert.Equal("warning", dm.GetProperty("urgency").GetString());
        Assert.Equal("running", question.GetProperty("urgency").GetString());
        Assert.Equal("negative", dm.GetProperty("sentiment").GetProperty("label").GetString());
        Assert.True(dm.GetProperty("sentiment").GetProperty("score").GetDouble() < 0);
        Assert.Equal(["billing", "money"], dm.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("highTerm", dm.GetProperty("priorityReasons").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(question.GetProperty("tags").EnumerateArray());
        Assert.Equal("alice", dm.GetProperty("customerHandle").GetString());
        // The engine may or may not have fired the warning yet: the next threshold is the warning or the one after it.
        Assert.Contains(dm.GetProperty("nextThreshold").GetString(), new[] { "warning", "atRisk" });
    }

    [Theory]
    [InlineData("/api/cases?channel=fax", "channel")]
    [InlineData("/api/cases?priority=meh", "priority")]
    [InlineData("/api/cases?from=yesterday", "from")]
    [InlineData("/api/cases?from=2026-11-03&to=2026-11-02", "to")]
    [InlineData("/api/cases?limit=0", "limit")]
    [InlineData("/api/cases?state=pending", "state")]
    [InlineData("/api/cases.csv?to=soon", "to")]
    [InlineData("/api/kpis.csv?granularity=week", "granularity")]
    [InlineData("/api/kpis.csv?dimension=agent", "dimension")]
    public async Task Bad_filters_are_400_naming_the_parameter(string path, string parameter)
    {
        var (status, body) = await _server.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(parameter, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cases_filter_by_channel_priority_and_opening_time()
    {
        await PostAsync(TestServer.Mention("100", T0));
        _time.Advance(TimeSpan.FromHours(2));
        await PostAsync(TestServer.Mention("200", T0.AddHours(2), channel: "dm", thread: "pair", author: "300"));

        async Task<string[]> Ids(string query) => (await _server.SendAsync(HttpMethod.Get, "/api/cases?" + query)).Body.GetProperty("cases")
            .EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order().ToArray();

        Assert.Equal(["x:ContosoCoffee:pair"], await Ids("channel=dm"));
        Assert.Equal(["x:ContosoCoffee:100"], await Ids("to=" + "2026-11-02T10:00:00Z"));
        Assert.Equal(["x:ContosoCoffee:pair"], await Ids("from=" + "2026-11-02T10:00:00Z"));
        Assert.Equal(["x:ContosoCoffee:100", "x:ContosoCoffee:pair"], await Ids("priority=normal"));
    }
}
