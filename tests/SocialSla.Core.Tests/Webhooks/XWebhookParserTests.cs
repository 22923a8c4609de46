using System.Text;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Webhooks;
using static SocialSla.Core.Tests.Support.SharedReference;
using static SocialSla.Core.Tests.Webhooks.WebhookTestBrands;

namespace SocialSla.Core.Tests.Webhooks;

public sealed class XWebhookParserTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 3, 2, 18, 0);

    private static WebhookBatch Parse(byte[] body, BrandDirectory? brands = null)
    {
        Assert.True(XWebhookParser.TryParse(body, brands ?? All, Received, out var batch, out var error), error);
        return batch;
    }

    private static Mention Single(string example)
    {
        var batch = Parse(Example(example));
        Assert.Equal(0, batch.Ignored);
        return Assert.Single(batch.Mentions);
    }

    [Fact]
    public void TryParse_Mention_CustomerTweetWithReplyChainThreading()
    {
        var t = ExampleJson("x_aaa_mention.json").GetProperty("tweet_create_events")[0];
        var m = Single("x_aaa_mention.json");
        var user = t.GetProperty("user");

        Assert.Equal(new MentionId(Platform.X, t.GetProperty("id_str").GetString()!), m.Id);
        Assert.Equal(X, m.Account);
        Assert.Equal(Channel.Mention, m.Channel);
        Assert.Null(m.ParentId);
        Assert.Null(m.ThreadKey);
        Assert.False(m.FromBrand);
        Assert.Equal(new Author(user.GetProperty("id_str").GetString()!, user.GetProperty("screen_name").GetString()), m.Author);
        Assert.Equal(t.GetProperty("text").GetString(), m.Text);
        Assert.Equal(Instant.FromUnixTimeMilliseconds(long.Parse(t.GetProperty("timestamp_ms").GetString()!)), m.CreatedAt);
        Assert.Equal($"https://x.com/{user.GetProperty("screen_name").GetString()}/status/{t.GetProperty("id_str").GetString()}", m.Url);
    }

    [Fact]
    public void TryParse_BrandReply_BrandWithParent()
    {
        var t = ExampleJson("x_aaa_brand_reply.json").GetProperty("tweet_create_events")[0];
        var m = Single("x_aaa_brand_reply.json");

        Assert.True(m.FromBrand);
        Assert.Equal(new MentionId(Platform.X, t.GetProperty("in_reply_to_status_id_str").GetString()!), m.ParentId);
        Assert.Equal(Single("x_aaa_mention.json").Id, m.ParentId);
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 14, 21, 30), m.CreatedAt); // created_at "Mon Mar 02 14:21:30 +0000 2026"
    }

    [Fact]
    public void TryParse_DmInboundAndBrandReply_SameSortedPairThread()
    {
        var root = ExampleJson("x_aaa_dm_inbound.json");
        var e = root.GetProperty("direct_message_events")[0];
        var sender = e.GetProperty("message_create").GetProperty("sender_id").GetString()!;
        var inbound = Single("x_aaa_dm_inbound.json");
        var reply = Single("x_aaa_dm_brand_reply.json");

        Assert.Equal(new MentionId(Platform.X, e.GetProperty("id").GetString()!), inbound.Id);
        Assert.Equal(Channel.Dm, inbound.Channel);
        Assert.Equal($"{sender}:{XUserId}", inbound.ThreadKey); // 1234567890 < 1500000000000000001
        Assert.False(inbound.FromBrand);
        Assert.Equal(root.GetProperty("users").GetProperty(sender).GetProperty("screen_name").GetString(), inbound.Author.Handle);
        Assert.Equal(Instant.FromUnixTimeMilliseconds(long.Parse(e.GetProperty("created_timestamp").GetString()!)), inbound.CreatedAt);
        Assert.Equal(e.GetProperty("message_create").GetProperty("message_data").GetProperty("text").GetString(), inbound.Text);
        Assert.True(reply.FromBrand);
        Assert.Equal(inbound.ThreadKey, reply.ThreadKey);
        Assert.Equal(Channel.Dm, reply.Channel);
    }

    [Fact]
    public void TryParse_Favorite_Ignored()
    {
        var batch = Parse(Example("x_aaa_favorite.json"));

        Assert.Empty(batch.Mentions);
        Assert.Equal(ExampleJson("x_aaa_favorite.json").GetProperty("favorite_events").GetArrayLength(), batch.Ignored);
    }

    [Theory]
    [InlineData("x_aaa_mention.json")]
    [InlineData("x_aaa_dm_inbound.json")]
    public void TryParse_UnconfiguredUser_EverythingIgnored(string example)
    {
        var batch = Parse(Example(example), None);

        Assert.Empty(batch.Mentions);
        Assert.Equal(1, batch.Ignored);
    }

    [Fact]
    public void TryParse_TruncatedTweetDeleteAndRetweet()
    {
        var body = $$"""
            {"for_user_id":"{{XUserId}}","tweet_create_events":[
              {"id_str":"10","text":"short…","truncated":true,"extended_tweet":{"full_text":"the whole long text"},"user":{"id_str":"7","screen_name":"a"},"created_at":"Mon Mar 02 14:05:00 +0000 2026"},
              {"id_str":"11","text":"RT","retweeted_status":{"id_str":"1"},"user":{"id_str":"7"},"timestamp_ms":"1772460300000"}],
             "tweet_delete_events":[{"status":{"id":"10","user_id":"7"},"timestamp_ms":"1772460400000"}]}
            """;

        var batch = Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(1, batch.Ignored);
        Assert.Equal("the whole long text", batch.Mentions[0].Text);
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 14, 5), batch.Mentions[0].CreatedAt);
        var deleted = batch.Mentions[1];
        Assert.Equal((new MentionId(Platform.X, "10"), MentionVerb.Delete), (deleted.Id, deleted.Verb));
        Assert.Equal(Instant.FromUnixTimeMilliseconds(1772460400000), deleted.CreatedAt);
    }

    [Theory]
    [InlineData("""{"tweet_create_events":[]}""", "for_user_id is missing.")]
    [InlineData("""{"for_user_id":"1500000000000000001","tweet_create_events":[{"text":"x","user":{"id_str":"7"},"timestamp_ms":"1"}]}""", "tweet_create_events[0].id_str is missing.")]
    [InlineData("""{"for_user_id":"1500000000000000001","tweet_create_events":[{"id_str":"1","user":{"id_str":"7"}}]}""", "tweet_create_events[0].timestamp_ms and tweet_create_events[0].created_at are both missing.")]
    [InlineData("""{"for_user_id":"1500000000000000001","tweet_create_events":{"id_str":"1"}}""", "tweet_create_events must be an array, not an object.")]
    [InlineData("""{"for_user_id":"1500000000000000001","direct_message_events":[{"type":"message_create","id":"5","message_create":{"sender_id":"7"}}]}""", "direct_message_events[0].message_create.target is missing.")]
    [InlineData("""{"for_user_id":true}""", "for_user_id must be a string or an integer, not a boolean.")]
    [InlineData("""{"for_user_id":"1500000000000000001","tweet_create_events":[{"id_str":"1",""", "The body is not valid JSON")]
    public void TryParse_BadBody_FalseWithReason(string body, string reason)
    {
        Assert.False(XWebhookParser.TryParse(Encoding.UTF8.GetBytes(body), All, Received, out var batch, out var error));
        Assert.Null(batch);
        Assert.StartsWith(reason, error);
    }
}
