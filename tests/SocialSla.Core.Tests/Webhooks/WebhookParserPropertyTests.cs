using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Webhooks;
using static SocialSla.Core.Tests.Support.SharedReference;
using static SocialSla.Core.Tests.Webhooks.WebhookTestBrands;

namespace SocialSla.Core.Tests.Webhooks;

public sealed partial class WebhookParserPropertyTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 3, 2, 18, 0);

    private static readonly string[] Examples =
    [
        "meta_page_feed_comment.json", "meta_page_feed_comment_brand_reply.json", "meta_page_mention.json",
        "meta_messenger_message.json", "meta_messenger_echo.json", "meta_instagram_comment.json",
        "meta_instagram_comment_brand_reply.json", "meta_instagram_mention.json", "meta_instagram_dm.json",
        "meta_instagram_dm_echo.json", "x_aaa_mention.json", "x_aaa_brand_reply.json", "x_aaa_dm_inbound.json",
        "x_aaa_dm_brand_reply.json", "x_aaa_favorite.json", "helpdesk_forwarded_event.json",
    ];

    private static readonly byte[][] Bodies = [.. Examples.Select(Example)];

    /// <summary>Mutations: overwrite, insert or delete bytes at random places, or truncate.</summary>
    private static byte[] Mutate(byte[] body, (int Kind, int At, byte Value)[] edits)
    {
        var bytes = body.ToList();
        foreach (var (kind, at, value) in edits)
        {
            if (bytes.Count == 0) break;
            var i = at % bytes.Count;
            switch (kind % 4)
            {
                case 0: bytes[i] = value; break;
                case 1: bytes.Insert(i, value); break;
                case 2: bytes.RemoveAt(i); break;
                default: bytes.RemoveRange(i, bytes.Count - i); break;
            }
        }
        return [.. bytes];
    }

    [Property(MaxTest = 500)]
    public Property Prop_RandomMutationsOfValidPayloadsNeverThrow()
    {
        var values = Gen.Elements<byte>((byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':',
            (byte)'0', (byte)'-', (byte)'\\', (byte)'n', (byte)' ', 0xC3, 0xFF, 0x80, (byte)'e');
        var edit = from kind in Gen.Choose(0, 3)
                   from at in Gen.Choose(0, int.MaxValue)
                   from value in values
                   select (kind, at, value);
        var cases = from index in Gen.Choose(0, Bodies.Length - 1)
                    from count in Gen.Choose(1, 6)
                    from edits in Gen.ArrayOf(edit, count)
                    select (index, edits);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var body = Mutate(Bodies[c.index], c.edits);
            CheckNeverThrows(body);
            return true;
        });
    }

    private static void CheckNeverThrows(byte[] body)
    {
        foreach (var ok in new[]
        {
            MetaWebhookParser.TryParse(body, All, Received, out var a, out var ea) ? a is not null : ea is not null,
            XWebhookParser.TryParse(body, All, Received, out var b, out var eb) ? b is not null : eb is not null,
            GenericWebhookParser.TryParse(body, All, X, Received, out var c, out var ec) ? c is not null : ec is not null,
        })
        {
            Assert.True(ok);
        }
    }

    [Fact]
    public void TryParse_EveryPrefixOfEveryExample_NeverThrows()
    {
        foreach (var body in Bodies)
        {
            for (var length = 0; length <= body.Length; length += 7) CheckNeverThrows(body[..length]);
        }
    }

    [Fact]
    public void TryParse_InvalidUtf8InAString_FalseWithReason()
    {
        var text = """{"object":"page","entry":[{"id":"104857600123456","changes":[{"field":"feed","value":{"item":"comment","post_id":"1_2","comment_id":"2_3","message":"BAD"}}]}]}""";
        var at = text.IndexOf("BAD", StringComparison.Ordinal);
        byte[] body = [.. System.Text.Encoding.UTF8.GetBytes(text[..at]), 0xFF, 0xFE, .. System.Text.Encoding.UTF8.GetBytes(text[(at + 3)..])];
        Assert.False(MetaWebhookParser.TryParse(body, All, Received, out _, out var error));
        Assert.NotNull(error);
    }
}
