using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SocialSla.Standalone.Tests.Pulls;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>The webhook routes against a real server and SQLite file: what is accepted, what is refused, and that a
/// refusal stores nothing.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    // The generic vectors were signed at 2026-03-02T16:12:05Z; the server's clock stands there.
    private static readonly DateTimeOffset VectorTime = new(2026, 3, 2, 16, 12, 5, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(VectorTime);
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(_time);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JsonElement Vectors() =>
        JsonDocument.Parse(File.ReadAllText(SharedData.ExampleOf("signature_test_vectors.json"))).RootElement;

    private long InboxCount => _server.Scalar("SELECT count(*) FROM inbox");

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await _server.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("meta:meta_messenger_message.json", "/api/webhooks/meta")]
    [InlineData("meta:meta_page_feed_comment.json", "/api/webhooks/meta")]
    [InlineData("meta:meta_instagram_comment_brand_reply.json", "/api/webhooks/meta")]
    [InlineData("x:x_aaa_mention.json", "/api/webhooks/x")]
    [InlineData("x:x_aaa_dm_brand_reply.json", "/api/webhooks/x")]
    public async Task Every_platform_vector_is_accepted_and_its_message_processed(string vector, string path)
    {
        var v = Vectors().GetProperty(vector);
        var body = Encoding.UTF8.GetBytes(v.GetProperty("raw_body").GetString()!);
        using var response = await PostAsync(path, body, (v.GetProperty("header").GetString()!, v.GetProperty("expected").GetString()!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, answer.RootElement.GetProperty("mentions").GetInt32());
        await _server.WaitProcessedAsync();
        Assert.Equal(1, _server.Scalar("SELECT count(*) FROM messages"));
    }

    [Theory]
    [InlineData("stripe_style", "stripe")]
    [InlineData("github_style", "github")]
    [InlineData("slack_style", "slack")]
    [InlineData("zendesk_style", "zendesk")]
    public async Task Every_generic_vector_is_accepted_as_a_brand_reply_to_the_forwarded_message(string vector, string source)
    {
        var v = Vectors().GetProperty(vector);
        var body = Encoding.UTF8.GetBytes(v.GetProperty("raw_body").GetString()!);
        var headers = new List<(string, string)> { (v.GetProperty("header").GetString()!, v.GetProperty("expected").GetString()!) };
        if (v.TryGetProperty("headers", out var extra)) headers.AddRange(extra.EnumerateObject().Select(h => (h.Name, h.Value.GetString()!)));

        using var response = await PostAsync($"/api/webhooks/generic/{source}", body, [.. headers]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _server.WaitProcessedAsync();
        using var connection = _server.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT from_brand, text FROM messages";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(1, reader.GetInt64(0));
        Assert.Equal("Replacement shipped, tracking sent by DM.", reader.GetString(1));
    }

    [Theory]
    [InlineData("meta_instagram_comment.json")]
    [InlineData("meta_instagram_comment_brand_reply.json")]
    [InlineData("meta_instagram_dm.json")]
    [InlineData("meta_instagram_dm_echo.json")]
    [InlineData("meta_instagram_mention.json")]
    [InlineData("meta_messenger_echo.json")]
    [InlineData("meta_messenger_message.json")]
    [InlineData("meta_page_feed_comment.json")]
    [InlineData("meta_page_feed_comment_brand_reply.json")]
    [InlineData("meta_page_mention.json")]
    [InlineData("x_aaa_brand_reply.json")]
    [InlineData("x_aaa_dm_brand_reply.json")]
    [InlineData("x_aaa_dm_inbound.json")]
    [InlineData("x_aaa_favorite.json")]
    [InlineData("x_aaa_mention.json")]
    public async Task Every_example_payload_signed_with_the_configured_secret_is_stored(string file)
    {
        var body = File.ReadAllBytes(SharedData.ExampleOf(file));
        var meta = file.StartsWith("meta", StringComparison.Ordinal);
        using var response = meta
            ? await PostAsync("/api/webhooks/meta", body, ("X-Hub-Signature-256", WebhookSigning.Meta(body, TestServer.MetaSecret)))
            : await PostAsync("/api/webhooks/x", body, ("x-twitter-webhooks-signature", WebhookSigning.X(body, TestServer.XSecret)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, InboxCount);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // A favourite is an event the pipeline does not track: counted as ignored, never an error.
        var expectedMentions = file == "x_aaa_favorite.json" ? 0 : 1;
        Assert.Equal(expectedMentions, answer.RootElement.GetProperty("mentions").GetInt32());
    }

    [Fact]
    public async Task The_Meta_handshake_echoes_the_challenge_only_for_the_configured_token()
    {
        using var ok = await _server.Client.GetAsync("/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=contoso-verify-7f3a&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());

        using var wrong = await _server.Client.GetAsync("/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task The_X_CRC_check_answers_the_documented_response_token()
    {
        var expected = Vectors().GetProperty("x:crc").GetProperty("expected_response").GetProperty("body").GetProperty("response_token").GetString();
        using var response = await _server.Client.GetAsync("/api/webhooks/x?crc_token=crc-challenge-token-42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(expected, answer.RootElement.GetProperty("response_token").GetString());
    }

    [Fact]
    public async Task A_wrong_or_missing_signature_is_401_and_stores_nothing()
    {
        var body = File.ReadAllBytes(SharedData.ExampleOf("x_aaa_mention.json"));
        var tampered = (byte[])body.Clone();
        tampered[^3] ^= 1;

        using var wrong = await PostAsync("/api/webhooks/x", tampered, ("x-twitter-webhooks-signature", WebhookSigning.X(body, TestServer.XSecret)));
        using var missing = await PostAsync("/api/webhooks/x", body);
        using var otherSecret = await PostAsync("/api/webhooks/meta", body, ("X-Hub-Signature-256", WebhookSigning.Meta(body, "not-the-secret")));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSecret.StatusCode);
        Assert.Contains("signature", await missing.Content.ReadAsStringAsync());
        Assert.Equal(0, InboxCount);
    }

    [Fact]
    public async Task Malformed_json_with_a_valid_signature_is_400_with_a_reason_and_stores_nothing()
    {
        var body = "{\"for_user_id\":\"1500000000000000001\",\"tweet_create_events\":[{\"id_str\":"u8.ToArray();
        using var response = await PostAsync("/api/webhooks/x", body, ("x-twitter-webhooks-signature", WebhookSigning.X(body, TestServer.XSecret)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(answer.RootElement.GetProperty("error").GetString()));
        Assert.Equal(0, InboxCount);
    }

    [Fact]
    public async Task A_body_over_one_MiB_is_413_and_stores_nothing()
    {
        var body = new byte[1024 * 1024 + 1];
        Array.Fill(body, (byte)' ');
        using var response = await PostAsync("/api/webhooks/x", body, ("x-twitter-webhooks-signature", WebhookSigning.X(body, TestServer.XSecret)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, InboxCount);
    }

    [Fact]
    public async Task Unknown_routes_and_sources_are_404()
    {
        using var route = await _server.Client.PostAsync("/api/webhooks/tiktok", new StringContent("{}"));
        using var source = await PostAsync("/api/webhooks/generic/nobody", "{}"u8.ToArray());
        using var page = await _server.Client.GetAsync("/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, source.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Events_for_an_unconfigured_account_are_counted_and_ignored()
    {
        var body = Encoding.UTF8.GetBytes(File.ReadAllText(SharedData.ExampleOf("x_aaa_mention.json")).Replace(TestServer.XUserId, "999999999999", StringComparison.Ordinal));
        using var response = await PostAsync("/api/webhooks/x", body, ("x-twitter-webhooks-signature", WebhookSigning.X(body, TestServer.XSecret)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _server.WaitProcessedAsync();
        Assert.True(_server.Scalar("SELECT coalesce((SELECT value FROM counters WHERE name = 'eventsIgnored'), 0)") >= 1);
        Assert.Equal(0, _server.Scalar("SELECT count(*) FROM cases"));
        Assert.Equal(0, _server.Scalar("SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task A_generic_delivery_signed_outside_the_replay_window_is_401()
    {
        var body = "{\"id\":\"1\",\"platform\":\"x\",\"account\":\"ContosoCoffee\",\"author\":{\"id\":\"7\"},\"fromBrand\":false,\"createdAt\":\"2026-03-02T16:00:00Z\"}"u8.ToArray();
        var secret = "whsec_" + Convert.ToBase64String("generic-test-secret-0001"u8.ToArray());
        var stale = VectorTime.AddMinutes(-6).ToUnixTimeSeconds();
        var fresh = VectorTime.ToUnixTimeSeconds();

        using var old = await PostAsync("/api/webhooks/generic/desk", body, ("webhook-id", "msg_1"), ("webhook-timestamp", stale.ToString()), ("webhook-signature", WebhookSigning.Standard("msg_1", stale, body, secret)));
        using var ok = await PostAsync("/api/webhooks/generic/desk", body, ("webhook-id", "msg_2"), ("webhook-timestamp", fresh.ToString()), ("webhook-signature", WebhookSigning.Standard("msg_2", fresh, body, secret)));

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, InboxCount);
    }
}
