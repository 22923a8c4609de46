using System.Text;
using SocialSla.Core.Import;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Ingestion;

public class EnvelopesTests
{
    private static readonly BrandDirectory Brands = new([new BrandAccount(Brand, "1500000000000000001", "ContosoCoffee")]);
    private static readonly Dictionary<string, PlatformAccountId?> NoSources = [];

    [Fact]
    public void TryDecode_MentionLinesOfAPull_GiveTheMentionsBack()
    {
        var body = JsonlMentionWriter.ToUtf8(Customer("17", 0));
        Assert.True(Envelopes.TryDecode(Envelopes.Mentions, null, body, Brands, NoSources, T0, out var batch, out var error), error);
        var mention = Assert.Single(batch.Mentions);
        Assert.Equal(new MentionId(Platform.X, "17"), mention.Id);
    }

    [Fact]
    public void TryDecode_UnknownKindOrGenericSource_IsAnError()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        Assert.False(Envelopes.TryDecode("fax", null, body, Brands, NoSources, T0, out _, out var unknown));
        Assert.Contains("fax", unknown);
        Assert.False(Envelopes.TryDecode(Envelopes.Generic, "zendesk", body, Brands, NoSources, T0, out _, out var source));
        Assert.Contains("zendesk", source);
    }

    [Fact]
    public void TryDecode_MalformedXBody_IsAnError() =>
        Assert.False(Envelopes.TryDecode(Envelopes.X, null, Encoding.UTF8.GetBytes("not json"), Brands, NoSources, T0, out _, out _));
}
