using System.Xml.Linq;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;
using static SocialSla.Core.Tests.Pulls.PullExamples;

namespace SocialSla.Core.Tests.Pulls;

public sealed partial class PullProtocolTests
{
    private static readonly XNamespace AtomNs = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace DcNs = "http://purl.org/dc/elements/1.1/";

    private static readonly PullSource ForumFeed = PullSource.Feed("forum", new Uri("https://forum.example.net/c/equipment.rss"), FeedAccount);
    private static readonly PullSource ReviewFeed = PullSource.Feed("reviews", new Uri("https://reviews.example.org/coffee/atom.xml"), FeedAccount, Channel.Review);

    [Fact]
    public void Parse_Rss2Example_MapsItemFieldsFromPayload()
    {
        var item = XDocument.Load(PathOf("rss2_forum_feed.xml")).Root!.Element("channel")!.Element("item")!;

        var result = PullProtocol.Parse(ForumFeed, PullCursor.Empty, Ok(Bytes("rss2_forum_feed.xml")), Brands);

        Assert.Equal(PullOutcome.Ok, result.Outcome);
        var m = Assert.Single(result.Batch.Mentions);
        Assert.Equal(Platform.Rss, m.Id.Platform);
        Assert.Equal("forum|" + item.Element("guid")!.Value, m.Id.ExternalId); // isPermaLink=false: scoped by the source
        Assert.Equal(m.Id.ExternalId, m.ThreadKey);
        Assert.Null(m.ParentId);
        Assert.Equal(Channel.Post, m.Channel);
        Assert.Equal(FeedAccount, m.Account);
        Assert.Equal(item.Element(DcNs + "creator")!.Value, m.Author.Handle);
        Assert.False(m.FromBrand);
        Assert.Equal(DateTimeOffset.Parse(item.Element("pubDate")!.Value, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), m.CreatedAt.ToUnixTimeSeconds());
        Assert.Equal(ReceivedAt, m.ReceivedAt);
        Assert.Contains(item.Element("title")!.Value, m.Text);
        Assert.Contains(item.Element("description")!.Value, m.Text);
        Assert.Equal(item.Element("link")!.Value, m.Url);
        Assert.False(result.MoreFollows);
    }

    [Fact]
    public void Parse_AtomExample_UsesIdPublishedAndAuthor()
    {
        var entry = XDocument.Load(PathOf("atom_review_feed.xml")).Root!.Element(AtomNs + "entry")!;

        var result = PullProtocol.Parse(ReviewFeed, PullCursor.Empty, Ok(Bytes("atom_review_feed.xml")), Brands);

        var m = Assert.Single(result.Batch.Mentions);
        Assert.Equal(entry.Element(AtomNs + "id")!.Value, m.Id.ExternalId); // an absolute IRI is kept as is
        Assert.Equal(Channel.Review, m.Channel);
        Assert.Equal(entry.Element(AtomNs + "author")!.Element(AtomNs + "name")!.Value, m.Author.Handle);
        Assert.Equal(Iso(entry.Element(AtomNs + "published")!.Value), m.CreatedAt);
        Assert.NotEqual(Iso(entry.Element(AtomNs + "updated")!.Value), m.CreatedAt);
        Assert.Contains(entry.Element(AtomNs + "summary")!.Value, m.Text);
        Assert.Equal(entry.Element(AtomNs + "link")!.Attribute("href")!.Value, m.Url);
    }

    [Fact]
    public void Parse_FeedOkThenSameFeed_RemembersValidatorsAndYieldsNothingTwice()
    {
        var first = PullProtocol.Parse(ForumFeed, PullCursor.Empty,
            Ok(Bytes("rss2_forum_feed.xml"), ("ETag", "\"v1\""), ("Last-Modified", "Mon, 02 Mar 2026 15:11:00 GMT")), Brands);
        Assert.Equal("\"v1\"", first.Cursor.ETag);
        Assert.Equal("Mon, 02 Mar 2026 15:11:00 GMT", first.Cursor.LastModified);

        var plan = PullProtocol.Plan(ForumFeed, first.Cursor);
        Assert.Contains(new KeyValuePair<string, string>("If-None-Match", "\"v1\""), plan.Headers);
        Assert.Contains(new KeyValuePair<string, string>("If-Modified-Since", "Mon, 02 Mar 2026 15:11:00 GMT"), plan.Headers);
        Assert.Equal(PullAuth.None, plan.Auth);

        var again = PullProtocol.Parse(ForumFeed, first.Cursor, Ok(Bytes("rss2_forum_feed.xml")), Brands);
        Assert.Empty(again.Batch.Mentions);
        Assert.Equal(first.Cursor.SeenIds, again.Cursor.SeenIds);
    }

    [Fact]
    public void Parse_NotModified_KeepsCursorAndYieldsNothing()
    {
        var cursor = new PullCursor { ETag = "\"v1\"", SeenIds = ["a", "b"] };

        var result = PullProtocol.Parse(ForumFeed, cursor, Response(304, []), Brands);

        Assert.Equal(PullOutcome.NotModified, result.Outcome);
        Assert.True(result.IsSuccess);
        Assert.Same(cursor, result.Cursor);
        Assert.Empty(result.Batch.Mentions);
    }

    [Fact]
    public void Parse_XmlWithDtdAndExternalEntity_IsRejectedWithoutResolving()
    {
        // If the entity were resolved, the reader would try to open this file; it must not even get that far.
        var missing = Path.Combine(Path.GetTempPath(), "socialsla-never-" + Guid.NewGuid().ToString("N"));
        var body = $"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://{missing}"> <!ENTITY lol "lol"> ]>
            <rss version="2.0"><channel><item><title>&xxe;&lol;</title><guid>g1</guid></item></channel></rss>
            """;

        var result = PullProtocol.Parse(ForumFeed, PullCursor.Empty, Ok(body), Brands);

        Assert.Equal(PullOutcome.BadBody, result.Outcome);
        Assert.Contains("DTD", result.Error);
        Assert.Same(PullCursor.Empty, result.Cursor);
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<rss><channel><item>")]
    [InlineData("<html><body>maintenance</body></html>")]
    [InlineData("")]
    public void Parse_GarbageFeed_IsBadBody(string body)
    {
        var result = PullProtocol.Parse(ForumFeed, PullCursor.Empty, Ok(body), Brands);

        Assert.Equal(PullOutcome.BadBody, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Empty(result.Batch.Mentions);
    }

    [Fact]
    public void Parse_RssItemWithoutDate_TakesReceivedAt()
    {
        const string body = """<rss version="2.0"><channel><item><title>t</title><link>https://f.example/t/1</link></item></channel></rss>""";

        var m = Assert.Single(PullProtocol.Parse(ForumFeed, PullCursor.Empty, Ok(body), Brands).Batch.Mentions);

        Assert.Equal(ReceivedAt, m.CreatedAt);
        Assert.Equal("https://f.example/t/1", m.Id.ExternalId); // no guid: the link, an absolute URL, is the id
    }
}
