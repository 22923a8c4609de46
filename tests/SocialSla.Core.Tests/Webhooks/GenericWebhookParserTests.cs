using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Webhooks;
using static SocialSla.Core.Tests.Support.SharedReference;
using static SocialSla.Core.Tests.Webhooks.WebhookTestBrands;

namespace SocialSla.Core.Tests.Webhooks;

public sealed class GenericWebhookParserTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 3, 2, 18, 0);

    private static WebhookBatch Parse(byte[] body, PlatformAccountId? account = null, BrandDirectory? brands = null)
    {
        Assert.True(GenericWebhookParser.TryParse(body, brands ?? All, account, Received, out var batch, out var error), error);
        return batch;
    }

    private static string Line(string id, string account, bool fromBrand = false) =>
        $$"""{"id":"{{id}}","platform":"x","account":"{{account}}","author":{"id":"200"},"fromBrand":{{(fromBrand ? "true" : "false")}},"createdAt":"2026-03-02T10:00:00Z"}""";

    [Fact]
    public void TryParse_HelpdeskAgentComment_BrandReplyToTheSocialMessage()
    {
        var e = ExampleJson("helpdesk_forwarded_event.json");
        var batch = Parse(Example("helpdesk_forwarded_event.json"), X);
        var m = Assert.Single(batch.Mentions);

        Assert.Equal("twitter", e.GetProperty("ticket").GetProperty("channel").GetString());
        Assert.Equal("agent", e.GetProperty("comment").GetProperty("author").GetProperty("role").GetString());
        Assert.Equal(X, m.Account);
        Assert.True(m.FromBrand);
        Assert.Equal(new MentionId(Platform.X, e.GetProperty("ticket").GetProperty("external_id").GetString()!), m.ParentId);
        Assert.Null(m.ThreadKey);
        Assert.Equal(Channel.Mention, m.Channel);
        Assert.Equal(e.GetProperty("comment").GetProperty("body").GetString(), m.Text);
        Assert.Equal(InstantPattern.ExtendedIso.Parse(e.GetProperty("occurred_at").GetString()!).Value, m.CreatedAt);
        Assert.Equal($"helpdesk-{e.GetProperty("ticket").GetProperty("id").GetInt64()}-{e.GetProperty("comment").GetProperty("id").GetInt64()}", m.Id.ExternalId);
    }

    [Fact]
    public void TryParse_HelpdeskEndUserComment_CustomerMessage()
    {
        var body = Encoding.UTF8.GetString(Example("helpdesk_forwarded_event.json")).Replace("\"agent\"", "\"end-user\"");
        var m = Assert.Single(Parse(Encoding.UTF8.GetBytes(body), X).Mentions);

        Assert.False(m.FromBrand);
        Assert.Equal(new MentionId(Platform.X, "1897000000000000001"), m.ParentId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("facebook:ContosoCoffee")]
    [InlineData("x:NotConfigured")]
    public void TryParse_HelpdeskWithoutMatchingAccount_Ignored(string? account)
    {
        var batch = Parse(Example("helpdesk_forwarded_event.json"), account is null ? null : PlatformAccountId.Parse(account));

        Assert.Empty(batch.Mentions);
        Assert.Equal(1, batch.Ignored);
    }

    [Fact]
    public void TryParse_HelpdeskInternalNoteAndOtherEvent_Ignored()
    {
        var note = Encoding.UTF8.GetString(Example("helpdesk_forwarded_event.json")).Replace("\"public\": true", "\"public\": false");
        Assert.Equal(1, Parse(Encoding.UTF8.GetBytes(note), X).Ignored);
        Assert.Equal(1, Parse("""{"id":"e2","type":"ticket.solved","ticket":{"id":1}}"""u8.ToArray(), X).Ignored);
    }

    [Fact]
    public void TryParse_JsonlLines_ConfiguredKeptOthersIgnored()
    {
        var body = string.Join("\r\n", Line("1", "ContosoCoffee"), "", Line("2", "SomeoneElse"), Line("3", "ContosoCoffee", fromBrand: true)) + "\n";
        var batch = Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(["1", "3"], batch.Mentions.Select(m => m.Id.ExternalId));
        Assert.Equal(1, batch.Ignored);
        Assert.Equal(X, batch.Mentions[0].Account);
        Assert.Equal(Received, batch.Mentions[0].ReceivedAt);
        Assert.True(batch.Mentions[1].FromBrand);
    }

    [Fact]
    public void TryParse_SingleJsonlMention_Parsed() =>
        Assert.Single(Parse(Encoding.UTF8.GetBytes(Line("9", "ContosoCoffee"))).Mentions);

    [Theory]
    [InlineData("", "The body is empty.")]
    [InlineData("{\"id\":\"1\"}\n{\"id\":", "Line 1: ")]
    [InlineData("""{"type":"ticket.comment_added","ticket":{"channel":"twitter","external_id":"1"},"comment":{"id":1,"author":{"id":2,"role":"agent"}}}""", "occurred_at is missing.")]
    [InlineData("""{"type":"ticket.comment_added","occurred_at":"2026-03-02T16:12:00Z","ticket":{"channel":"twitter"},"comment":{"id":1,"author":{"id":2,"role":"agent"}}}""", "ticket.external_id is missing.")]
    [InlineData("""{"type":"ticket.comment_added","occurred_at":"2026-03-02T16:12:00Z","ticket":{"channel":"twitter","external_id":"1"},"comment":{"id":1,"author":{"id":2,"role":"robot"}}}""", "comment.author.role must be")]
    [InlineData("""{"type":"ticket.comment_added","occurred_at":"2026-03-02T16:12:00Z","ticket":"T-1","comment":{}}""", "ticket must be an object, not a string.")]
    public void TryParse_BadBody_FalseWithReason(string body, string reason)
    {
        Assert.False(GenericWebhookParser.TryParse(Encoding.UTF8.GetBytes(body), All, X, Received, out var batch, out var error));
        Assert.Null(batch);
        Assert.StartsWith(reason, error);
    }
}
