using System.Text;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Webhooks;
using static SocialSla.Core.Tests.Support.SharedReference;
using static SocialSla.Core.Tests.Webhooks.WebhookTestBrands;

namespace SocialSla.Core.Tests.Webhooks;

public sealed class MetaWebhookParserTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 3, 2, 18, 0);

    private static WebhookBatch Parse(string example, BrandDirectory? brands = null)
    {
        Assert.True(MetaWebhookParser.TryParse(Example(example), brands ?? All, Received, out var batch, out var error), error);
        return batch;
    }

    private static Mention Single(string example)
    {
        var batch = Parse(example);
        Assert.Equal(0, batch.Ignored);
        return Assert.Single(batch.Mentions);
    }

    private static JsonElement Value(string example) =>
        ExampleJson(example).GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value");

    private static JsonElement Messaging(string example) => ExampleJson(example).GetProperty("entry")[0].GetProperty("messaging")[0];

    [Fact]
    public void TryParse_PageFeedComment_CustomerCommentInItsSubThread()
    {
        var v = Value("meta_page_feed_comment.json");
        var m = Single("meta_page_feed_comment.json");

        Assert.Equal(new MentionId(Platform.Facebook, v.GetProperty("comment_id").GetString()!), m.Id);
        Assert.Equal(Facebook, m.Account);
        Assert.Equal(Channel.PublicComment, m.Channel);
        Assert.Equal(new MentionId(Platform.Facebook, v.GetProperty("parent_id").GetString()!), m.ParentId);
        Assert.Equal($"{v.GetProperty("post_id").GetString()}:{v.GetProperty("comment_id").GetString()}", m.ThreadKey);
        Assert.False(m.FromBrand);
        Assert.Equal(new Author(v.GetProperty("from").GetProperty("id").GetString()!, v.GetProperty("from").GetProperty("name").GetString()), m.Author);
        Assert.Equal(v.GetProperty("message").GetString(), m.Text);
        Assert.Equal(Instant.FromUnixTimeSeconds(v.GetProperty("created_time").GetInt64()), m.CreatedAt);
        Assert.Equal(Received, m.ReceivedAt);
        Assert.Equal(MentionVerb.Add, m.Verb);
    }

    [Fact]
    public void TryParse_PageFeedBrandReply_SameThreadAsTheCustomerComment()
    {
        var customer = Single("meta_page_feed_comment.json");
        var v = Value("meta_page_feed_comment_brand_reply.json");
        var m = Single("meta_page_feed_comment_brand_reply.json");

        Assert.True(m.FromBrand);
        Assert.Equal(new MentionId(Platform.Facebook, v.GetProperty("parent_id").GetString()!), m.ParentId);
        Assert.Equal(customer.Id, m.ParentId);
        Assert.Equal(customer.ThreadKey, m.ThreadKey);
        Assert.Equal(customer.Channel, m.Channel);
        Assert.Equal(Instant.FromUnixTimeSeconds(v.GetProperty("created_time").GetInt64()), m.CreatedAt);
    }

    [Fact]
    public void TryParse_PageMention_MentionKeyedByPost()
    {
        var v = Value("meta_page_mention.json");
        var m = Single("meta_page_mention.json");

        Assert.Equal(new MentionId(Platform.Facebook, v.GetProperty("post_id").GetString()!), m.Id);
        Assert.Equal(Channel.Mention, m.Channel);
        Assert.Equal(v.GetProperty("post_id").GetString(), m.ThreadKey);
        Assert.Null(m.ParentId);
        Assert.False(m.FromBrand);
        Assert.Equal(MetaWebhookParser.UnknownAuthorId, m.Author.Id);
        Assert.Equal(Instant.FromUnixTimeSeconds(v.GetProperty("created_time").GetInt64()), m.CreatedAt);
    }

    [Fact]
    public void TryParse_MessengerMessage_CustomerDmKeyedByPageAndPsid()
    {
        var e = Messaging("meta_messenger_message.json");
        var m = Single("meta_messenger_message.json");
        var psid = e.GetProperty("sender").GetProperty("id").GetString();

        Assert.Equal(new MentionId(Platform.Messenger, e.GetProperty("message").GetProperty("mid").GetString()!), m.Id);
        Assert.Equal(Messenger, m.Account);
        Assert.Equal(Channel.Dm, m.Channel);
        Assert.Equal($"{PageId}:{psid}", m.ThreadKey);
        Assert.False(m.FromBrand);
        Assert.Equal(psid, m.Author.Id);
        Assert.Equal(Instant.FromUnixTimeMilliseconds(e.GetProperty("timestamp").GetInt64()), m.CreatedAt);
        Assert.Equal(e.GetProperty("message").GetProperty("text").GetString(), m.Text);
    }

    [Fact]
    public void TryParse_MessengerEcho_BrandReplyInTheSameThread()
    {
        var e = Messaging("meta_messenger_echo.json");
        var m = Single("meta_messenger_echo.json");

        Assert.True(m.FromBrand);
        Assert.Equal($"{PageId}:{e.GetProperty("recipient").GetProperty("id").GetString()}", m.ThreadKey);
        Assert.Equal(Single("meta_messenger_message.json").ThreadKey, m.ThreadKey);
        Assert.Equal(Instant.FromUnixTimeMilliseconds(e.GetProperty("timestamp").GetInt64()), m.CreatedAt);
    }

    [Fact]
    public void TryParse_InstagramComment_NoTimeTakesReceivedAt()
    {
        var v = Value("meta_instagram_comment.json");
        var m = Single("meta_instagram_comment.json");

        Assert.Equal(new MentionId(Platform.Instagram, v.GetProperty("id").GetString()!), m.Id);
        Assert.Equal(Instagram, m.Account);
        Assert.Equal(Channel.PublicComment, m.Channel);
        Assert.Null(m.ParentId);
        Assert.Equal($"{v.GetProperty("media").GetProperty("id").GetString()}:{v.GetProperty("id").GetString()}", m.ThreadKey);
        Assert.Equal(new Author(v.GetProperty("from").GetProperty("id").GetString()!, v.GetProperty("from").GetProperty("username").GetString()), m.Author);
        Assert.False(m.FromBrand);
        Assert.Equal(Received, m.CreatedAt);
    }

    [Fact]
    public void TryParse_InstagramCommentBrandReply_BrandInTheCustomersThread()
    {
        var v = Value("meta_instagram_comment_brand_reply.json");
        var m = Single("meta_instagram_comment_brand_reply.json");

        Assert.True(m.FromBrand);
        Assert.Equal(new MentionId(Platform.Instagram, v.GetProperty("parent_id").GetString()!), m.ParentId);
        Assert.Equal(Single("meta_instagram_comment.json").Id, m.ParentId);
        Assert.Equal(Single("meta_instagram_comment.json").ThreadKey, m.ThreadKey);
    }

    [Fact]
    public void TryParse_InstagramMention_KeyedByMedia()
    {
        var v = Value("meta_instagram_mention.json");
        var m = Single("meta_instagram_mention.json");

        Assert.Equal(new MentionId(Platform.Instagram, v.GetProperty("comment_id").GetString()!), m.Id);
        Assert.Equal(Channel.Mention, m.Channel);
        Assert.Equal(v.GetProperty("media_id").GetString(), m.ThreadKey);
        Assert.False(m.FromBrand);
        Assert.Equal(Received, m.CreatedAt);
    }

    [Fact]
    public void TryParse_InstagramDmAndEcho_SameThreadKeyedByIgIdAndIgsid()
    {
        var e = Messaging("meta_instagram_dm.json");
        var dm = Single("meta_instagram_dm.json");
        var echo = Single("meta_instagram_dm_echo.json");

        Assert.Equal(new MentionId(Platform.Instagram, e.GetProperty("message").GetProperty("mid").GetString()!), dm.Id);
        Assert.Equal(Channel.Dm, dm.Channel);
        Assert.Equal($"{InstagramId}:{e.GetProperty("sender").GetProperty("id").GetString()}", dm.ThreadKey);
        Assert.False(dm.FromBrand);
        Assert.True(echo.FromBrand);
        Assert.Equal(dm.ThreadKey, echo.ThreadKey);
        Assert.Equal(Instant.FromUnixTimeMilliseconds(e.GetProperty("timestamp").GetInt64()), dm.CreatedAt);
    }

    [Theory]
    [InlineData("meta_page_feed_comment.json")]
    [InlineData("meta_messenger_message.json")]
    [InlineData("meta_instagram_comment.json")]
    [InlineData("meta_instagram_dm_echo.json")]
    public void TryParse_UnconfiguredAccount_CountedInIgnored(string example)
    {
        var batch = Parse(example, None);

        Assert.Empty(batch.Mentions);
        Assert.Equal(1, batch.Ignored);
    }

    [Fact]
    public void TryParse_BatchedEntriesWithReadsAndReactions_ReadsEveryItem()
    {
        var body = """
            {"object":"page","entry":[
              {"id":"PAGEID","time":1772460431000,"messaging":[
                {"sender":{"id":"7391846250183746"},"recipient":{"id":"PAGEID"},"timestamp":1772460430000,"message":{"mid":"m_1","text":"hi"}},
                {"sender":{"id":"7391846250183746"},"recipient":{"id":"PAGEID"},"timestamp":1772460431000,"read":{"watermark":1772460430000}},
                {"sender":{"id":"7391846250183746"},"recipient":{"id":"PAGEID"},"timestamp":1772460432000,"message":{"mid":"m_2","text":"edited","reply_to":{"mid":"m_1"}}}]},
              {"id":"PAGEID","time":1772460302,"changes":[
                {"field":"feed","value":{"item":"reaction","verb":"add","post_id":"1_2","reaction_type":"like","created_time":1772460300}},
                {"field":"feed","value":{"item":"comment","verb":"edited","post_id":"PAGEID_9","comment_id":"9_1","parent_id":"9_0","sender_id":"66","sender_name":"Old Payload","message":"edited","created_time":1772460300}}]},
              {"id":999,"time":1772460302,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","post_id":"999_1","comment_id":"1_1"}}]}]}
            """.Replace("PAGEID", PageId).Replace("IGID", InstagramId);

        Assert.True(MetaWebhookParser.TryParse(Encoding.UTF8.GetBytes(body), All, Received, out var batch, out var error), error);

        Assert.Equal(3, batch.Ignored); // the read, the reaction and the unconfigured page 999
        Assert.Equal(["m_1", "m_2", "9_1"], batch.Mentions.Select(m => m.Id.ExternalId));
        Assert.Equal(new MentionId(Platform.Messenger, "m_1"), batch.Mentions[1].ParentId);
        var edit = batch.Mentions[2];
        Assert.Equal(MentionVerb.Edit, edit.Verb);
        Assert.Equal(new Author("66", "Old Payload"), edit.Author);
        Assert.Equal($"{PageId}_9:9_0", edit.ThreadKey);
    }

    [Fact]
    public void TryParse_VisitorPostAndBrandAnswer_SameConversation()
    {
        var body = """
            {"object":"page","entry":[{"id":"PAGEID","time":1,"changes":[
              {"field":"feed","value":{"item":"status","verb":"add","post_id":"PAGEID_5","from":{"id":"42","name":"Visitor"},"message":"Where is my order?","created_time":1772460300}},
              {"field":"feed","value":{"item":"comment","verb":"add","post_id":"PAGEID_5","comment_id":"5_1","parent_id":"PAGEID_5","from":{"id":"PAGEID","name":"Contoso"},"message":"On its way","created_time":1772460400}},
              {"field":"feed","value":{"item":"post","verb":"add","post_id":"PAGEID_6","from":{"id":"PAGEID"},"message":"New beans!","created_time":1772460500}},
              {"field":"feed","value":{"item":"comment","verb":"remove","post_id":"PAGEID_5","comment_id":"5_2","parent_id":"PAGEID_5","from":{"id":"42"},"created_time":1772460600}}]}]}
            """.Replace("PAGEID", PageId).Replace("IGID", InstagramId);

        Assert.True(MetaWebhookParser.TryParse(Encoding.UTF8.GetBytes(body), All, Received, out var batch, out var error), error);

        Assert.Equal(1, batch.Ignored); // the Page's own post
        var (post, answer, removed) = (batch.Mentions[0], batch.Mentions[1], batch.Mentions[2]);
        Assert.Equal((Channel.Post, $"{PageId}_5", false), (post.Channel, post.ThreadKey, post.FromBrand));
        Assert.Equal((Channel.Post, $"{PageId}_5", true), (answer.Channel, answer.ThreadKey, answer.FromBrand));
        Assert.Equal(MentionVerb.Delete, removed.Verb);
    }

    [Fact]
    public void TryParse_InstagramLoginShape_FieldAndValueUnderEntry()
    {
        var body = """{"object":"instagram","entry":[{"id":"IGID","time":1,"field":"comments","value":{"id":"c1","from":{"id":"7","username":"u"},"text":"hi","media":{"id":"m1"}}}]}""".Replace("PAGEID", PageId).Replace("IGID", InstagramId);

        Assert.True(MetaWebhookParser.TryParse(Encoding.UTF8.GetBytes(body), All, Received, out var batch, out var error), error);
        Assert.Equal("m1:c1", Assert.Single(batch.Mentions).ThreadKey);
    }

    [Fact]
    public void TryParse_OtherObject_AllIgnored()
    {
        Assert.True(MetaWebhookParser.TryParse("""{"object":"whatsapp_business_account","entry":[{"id":"1"},{"id":"2"}]}"""u8, All, Received, out var batch, out var error), error);
        Assert.Equal((0, 2), (batch.Mentions.Count, batch.Ignored));
    }

    [Theory]
    [InlineData("", "The body is empty.")]
    [InlineData("""{"object":"page","entry":[{"id":"1"}""", "The body is not valid JSON")]
    [InlineData("""[1,2]""", "The body holds an array, not a JSON object.")]
    [InlineData("""{"object":"page"}""", "entry is missing.")]
    [InlineData("""{"object":"page","entry":{}}""", "entry must be an array, not an object.")]
    [InlineData("""{"object":"page","entry":[{"time":1}]}""", "entry[0].id is missing.")]
    [InlineData("""{"object":"page","entry":[{"id":"104857600123456","messaging":[{"sender":{"id":"1"},"recipient":{"id":"104857600123456"},"timestamp":1,"message":{"text":"x"}}]}]}""",
        "entry[0].messaging[0].message.mid is missing.")]
    [InlineData("""{"object":"page","entry":[{"id":"104857600123456","messaging":[{"sender":{"id":"1"},"recipient":{"id":"104857600123456"},"timestamp":"soon","message":{"mid":"m"}}]}]}""",
        "entry[0].messaging[0].timestamp must be Unix seconds, Unix milliseconds or an ISO-8601 instant.")]
    [InlineData("""{"object":"page","entry":[{"id":"104857600123456","changes":[{"field":"feed","value":{"item":"comment","post_id":"1_2","comment_id":["x"]}}]}]}""",
        "entry[0].changes[0].value.comment_id must be a string or an integer, not an array.")]
    [InlineData("""{"object":"page","entry":[{"id":"104857600123456","changes":[{"field":"feed","value":{"item":"comment","post_id":"1_2","comment_id":"2_3","message":5}}]}]}""",
        "entry[0].changes[0].value.message must be a string, not a number.")]
    [InlineData("""{"object":"page","entry":[]} {}""", "The body holds more than one JSON value.")]
    public void TryParse_BadBody_FalseWithReason(string body, string reason)
    {
        Assert.False(MetaWebhookParser.TryParse(Encoding.UTF8.GetBytes(body), All, Received, out var batch, out var error));
        Assert.Null(batch);
        Assert.StartsWith(reason, error);
    }

    [Fact]
    public void TryParse_NestingDeeperThanMaxDepth_FalseWithReason()
    {
        var deep = new string('[', MetaWebhookParser.MaxDepth + 1) + new string(']', MetaWebhookParser.MaxDepth + 1);
        var body = $$$"""{"object":"page","entry":[],"x":{{{deep}}}}""";

        Assert.False(MetaWebhookParser.TryParse(Encoding.UTF8.GetBytes(body), All, Received, out _, out var error));
        Assert.Contains("not valid JSON", error);
    }
}
