using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Webhooks;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Webhooks.WebhookTestBrands;

namespace SocialSla.Core.Tests.Webhooks;

/// <summary>Issue #8: hostile bodies for the Meta, X and generic (JSONL mentions and helpdesk event) parsers. Every
/// parse answers <see langword="true"/> with a batch or <see langword="false"/> with a reason, never throws, ends
/// within <see cref="HostileInput.TimeBound"/> and allocates a bounded amount.</summary>
public sealed partial class WebhookParserPropertyTests
{
    private const string JsonlLines =
        """
        {"id":"1789","platform":"x","account":"ContosoCoffee","channel":"mention","parentId":"1788","threadKey":null,"author":{"id":"200334","handle":"alice","followers":120,"verified":false},"fromBrand":false,"text":"@ContosoCoffee my order is late","createdAt":"2026-11-22T10:15:00Z","receivedAt":"2026-11-22T10:15:02Z","verb":"add","actionable":true,"priority":"normal","url":"https://x.com/alice/status/1789"}
        {"id":"1790","platform":"x","account":"ContosoCoffee","channel":"mention","parentId":"1789","author":{"id":"1500000000000000001","handle":"ContosoCoffee"},"fromBrand":true,"text":"Sorry! DM us","createdAt":"2026-11-22T10:20:00Z"}
        """;

    /// <summary>The platform examples and a JSONL delivery: the seeds of the mutations.</summary>
    private static readonly byte[][] Seeds = [.. Bodies, Encoding.UTF8.GetBytes(JsonlLines)];

    private static void ParseEverywhere(byte[] body)
    {
        HostileInput.Bounded(body.Length, () =>
        {
            AssertAnswered(MetaWebhookParser.TryParse(body, All, Received, out var a, out var ea), a, ea);
            AssertAnswered(XWebhookParser.TryParse(body, All, Received, out var b, out var eb), b, eb);
            AssertAnswered(GenericWebhookParser.TryParse(body, All, X, Received, out var c, out var ec), c, ec);
            AssertAnswered(GenericWebhookParser.TryParse(body, All, null, Received, out var d, out var ed), d, ed);
            return 0;
        });
    }

    private static void AssertAnswered(bool ok, WebhookBatch? batch, string? error)
    {
        if (ok)
        {
            Assert.NotNull(batch);
            Assert.Null(error);
            Assert.All(batch.Mentions, m => Assert.NotNull(m.Id.ExternalId));
        }
        else
        {
            Assert.Null(batch);
            Assert.False(string.IsNullOrWhiteSpace(error));
        }
    }

    [Property(MaxTest = 300)]
    public Property Prop_HostileMutationsOfValidPayloadsAreAnsweredInBoundedTime() =>
        Prop.ForAll(HostileInput.Mutations(Seeds.Length), m =>
        {
            ParseEverywhere(HostileInput.Apply(Seeds[m.Seed], m.Edits));
            return true;
        });

    [Property(MaxTest = 300)]
    public Property Prop_RandomBytesAreAnsweredInBoundedTime() =>
        Prop.ForAll(HostileInput.RandomBytes(), body =>
        {
            ParseEverywhere(body);
            return true;
        });

    [Fact]
    public void TryParse_100000LevelsOfNesting_FalseWithReason()
    {
        foreach (var body in new[] { HostileInput.NestedJsonArrays(), HostileInput.NestedJsonObjects() }
                     .Concat(Seeds.Select(s => HostileInput.NestedInside(s))))
        {
            ParseEverywhere(body);
            Assert.False(MetaWebhookParser.TryParse(body, All, Received, out _, out _));
            Assert.False(XWebhookParser.TryParse(body, All, Received, out _, out _));
            Assert.False(GenericWebhookParser.TryParse(body, All, X, Received, out _, out _));
        }
    }

    [Fact]
    public void TryParse_LineOver1MiB_FalseNamingTheLimit()
    {
        var line = JsonlLines.Split('\n')[0].Replace("@ContosoCoffee my order is late", new string('a', 4 * 1024 * 1024), StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(line);
        ParseEverywhere(body);
        Assert.False(GenericWebhookParser.TryParse(body, All, X, Received, out _, out var error));
        Assert.Contains("longer than", error);
    }

    [Fact]
    public void TryParse_DuplicateKeys_FalseWithReasonOrTheLastOrFirstValueNeverBoth()
    {
        // A duplicated "text" member must not produce two mentions or throw.
        var line = JsonlLines.Split('\n')[1].Replace("\"text\":", "\"text\":\"first\",\"text\":", StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(line);
        ParseEverywhere(body);
        if (GenericWebhookParser.TryParse(body, All, X, Received, out var batch, out _)) Assert.Single(batch.Mentions);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("0")]
    [InlineData("\"text\"")]
    [InlineData("{}")]
    [InlineData("{\"object\":null,\"entry\":null}")]
    [InlineData("{\"object\":\"page\",\"entry\":[null]}")]
    [InlineData("{\"object\":\"page\",\"entry\":[{\"id\":null,\"changes\":[null],\"messaging\":[null]}]}")]
    [InlineData("{\"object\":\"instagram\",\"entry\":{\"id\":1}}")]
    [InlineData("{\"for_user_id\":null,\"tweet_create_events\":[null]}")]
    [InlineData("{\"for_user_id\":1500000000000000001,\"tweet_create_events\":{}}")]
    [InlineData("{\"for_user_id\":\"1500000000000000001\",\"direct_message_events\":[{\"type\":\"message_create\",\"message_create\":null}]}")]
    [InlineData("{\"type\":\"ticket.comment_added\",\"ticket\":null,\"comment\":null}")]
    [InlineData("{\"type\":\"ticket.comment_added\",\"ticket\":{\"id\":[],\"channel\":{}},\"comment\":{\"author\":7}}")]
    [InlineData("{\"\\ud800\":1,\"object\":\"page\",\"entry\":[{\"\\udc00\":2}]}")]
    [InlineData("{\"for_user_id\":\"\\ud800\",\"tweet_create_events\":[{\"\\ud800\":1}]}")]
    [InlineData("{\"type\":\"\\ud800\",\"\\ud800\":1}")]
    [InlineData("{\"id\":\"\\ud800\",\"platform\":\"x\",\"account\":\"ContosoCoffee\",\"author\":{\"id\":\"1\"},\"fromBrand\":false,\"createdAt\":\"2026-11-22T10:15:00Z\",\"\\ud800\":1}")]
    [InlineData("{\"id\":null,\"platform\":null,\"account\":null,\"author\":null,\"fromBrand\":null,\"createdAt\":null}")]
    public void TryParse_NullsAndWrongTypes_AnsweredWithoutThrowing(string json) => ParseEverywhere(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void GenericTryParse_MemberNameWithAnUnpairedSurrogate_FalseWithReason()
    {
        // Regression (issue #8): the helpdesk-event check threw InvalidOperationException (a 500 from the server).
        var body = Encoding.UTF8.GetBytes("{\"type\":\"ticket.comment_added\",\"\\ud800\":1}");

        Assert.False(GenericWebhookParser.TryParse(body, All, X, Received, out var batch, out var error));
        Assert.Null(batch);
        Assert.Contains("not valid Unicode", error);
    }
}
