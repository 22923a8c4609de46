using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocialSla.Standalone.Tests.Pulls;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Issue #8: a platform's delete (X <c>tweet_delete_events</c>, Meta <c>remove</c>) tombstones the stored
/// message: its text, the case and alert excerpts quoting it and its raw envelope go; the case, its clocks and KPIs
/// stay; a message whose delete arrived first is stored without text.</summary>
public sealed class DeletionTombstoneTests
{
    // The examples' instant: Mon 2 Mar 2026 14:05 UTC.
    private static readonly DateTimeOffset Written = new(2026, 3, 2, 14, 5, 0, TimeSpan.Zero);
    private const string Tweet = "1897000000000000001";
    private const string TweetText = "@ContosoCoffee DELETEME-tweet my mobile order never arrived";

    private static byte[] TweetCreate(string id, string text)
    {
        var json = JsonNode.Parse(File.ReadAllText(SharedData.ExampleOf("x_aaa_mention.json")))!;
        var tweet = json["tweet_create_events"]![0]!;
        tweet["id"] = JsonValue.Create(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
        tweet["id_str"] = id;
        tweet["text"] = text;
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static byte[] TweetDelete(string id) => Encoding.UTF8.GetBytes(
        $$"""{"for_user_id":"{{TestServer.XUserId}}","tweet_delete_events":[{"status":{"id":"{{id}}","user_id":"1234567890"},"timestamp_ms":"1772460600000"}]}""");

    private static byte[] FeedComment(string verb, string text)
    {
        var json = JsonNode.Parse(File.ReadAllText(SharedData.ExampleOf("meta_page_feed_comment.json")))!;
        var value = json["entry"]![0]!["changes"]![0]!["value"]!;
        value["verb"] = verb;
        if (verb == "remove") value.AsObject().Remove("message");
        else value["message"] = text;
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static async Task PostXAsync(TestServer server, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/x") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-twitter-webhooks-signature", WebhookSigning.X(body, TestServer.XSecret));
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task PostMetaAsync(TestServer server, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/meta") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WebhookSigning.Meta(body, TestServer.MetaSecret));
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> CaseAsync(TestServer server, string id)
    {
        var (status, body) = await server.SendAsync(HttpMethod.Get, "/api/cases/" + Uri.EscapeDataString(id));
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    [Fact]
    public async Task TweetDelete_AfterAlerts_TombstonesMessageExcerptsAndEnvelope_CaseAndKpisStay()
    {
        var time = new ManualTimeProvider(Written.AddMinutes(1));
        await using var server = await TestServer.StartAsync(time);
        await PostXAsync(server, TweetCreate(Tweet, TweetText));
        await server.WaitProcessedAsync();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (server.Scalar("SELECT count(*) FROM alerts") < 3)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The alerts were not raised.");
            time.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(20);
        }
        var caseId = server.Scalar("SELECT count(*) FROM cases") == 1 ? ReadString(server, "SELECT id FROM cases") : throw new InvalidOperationException("one case expected");
        Assert.Contains("DELETEME-tweet", (await CaseAsync(server, caseId)).GetRawText());
        var kpis = (await server.SendAsync(HttpMethod.Get, "/api/kpis?from=2026-03-01&to=2026-03-03")).Body.GetRawText();

        await PostXAsync(server, TweetDelete(Tweet));
        await server.WaitProcessedAsync();

        var stored = await CaseAsync(server, caseId);
        Assert.DoesNotContain("DELETEME", stored.GetRawText());
        var message = Assert.Single(stored.GetProperty("messages").EnumerateArray());
        Assert.Equal("", message.GetProperty("text").GetString());
        Assert.Equal("delete", message.GetProperty("verb").GetString());
        Assert.Equal("", stored.GetProperty("excerpt").GetString());
        Assert.Equal("jamie_dev", stored.GetProperty("customerHandle").GetString()); // a delete is not an erasure of the customer
        Assert.True(stored.GetProperty("alerts").GetArrayLength() >= 3);
        Assert.DoesNotContain("DELETEME", (await server.SendAsync(HttpMethod.Get, "/api/alerts")).Body.GetRawText());
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM inbox WHERE instr(body, CAST('DELETEME' AS BLOB)) > 0"));
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM inbox")); // both applied envelopes name the tweet: both go
        Assert.Equal(kpis, (await server.SendAsync(HttpMethod.Get, "/api/kpis?from=2026-03-01&to=2026-03-03")).Body.GetRawText());
    }

    [Fact]
    public async Task TweetDelete_BeforeItsCreate_StoresTheMessageWithoutText_ButStillOpensTheCase()
    {
        var time = new ManualTimeProvider(Written.AddMinutes(1));
        await using var server = await TestServer.StartAsync(time);

        await PostXAsync(server, TweetDelete(Tweet));
        await PostXAsync(server, TweetCreate(Tweet, TweetText));
        await server.WaitProcessedAsync();

        var caseId = ReadString(server, "SELECT id FROM cases");
        var stored = await CaseAsync(server, caseId);
        Assert.Equal("", Assert.Single(stored.GetProperty("messages").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal("", stored.GetProperty("excerpt").GetString());
        Assert.Equal("open", stored.GetProperty("status").GetString()); // the clock still runs: the customer did write
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM messages WHERE instr(text, 'DELETEME') > 0"));
    }

    [Fact]
    public async Task MetaRemove_OfFeedComment_TombstonesTheComment()
    {
        var time = new ManualTimeProvider(Written.AddMinutes(1));
        await using var server = await TestServer.StartAsync(time);
        await PostMetaAsync(server, FeedComment("add", "DELETEME-comment the beans never shipped"));
        await server.WaitProcessedAsync();
        var caseId = ReadString(server, "SELECT id FROM cases");
        Assert.Contains("DELETEME-comment", (await CaseAsync(server, caseId)).GetRawText());

        await PostMetaAsync(server, FeedComment("remove", ""));
        await server.WaitProcessedAsync();

        // An edit that arrives after the delete (deliveries are out of order) does not bring text back.
        await PostMetaAsync(server, FeedComment("edited", "DELETEME-edit the beans never shipped"));
        await server.WaitProcessedAsync();

        var stored = await CaseAsync(server, caseId);
        Assert.DoesNotContain("DELETEME", stored.GetRawText());
        Assert.Equal("delete", Assert.Single(stored.GetProperty("messages").EnumerateArray()).GetProperty("verb").GetString());
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM messages WHERE instr(text, 'DELETEME') > 0"));
    }

    private static string ReadString(TestServer server, string sql)
    {
        using var connection = server.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
