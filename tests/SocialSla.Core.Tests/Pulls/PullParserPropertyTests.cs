using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Pulls;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Pulls.PullExamples;

namespace SocialSla.Core.Tests.Pulls;

/// <summary>Issue #8: hostile pulled pages (RSS/Atom, X recent search, Reddit, YouTube) and stored cursors. A parse is
/// a result, never an exception: <see cref="PullOutcome.Ok"/>, or <see cref="PullOutcome.BadBody"/> with a reason,
/// no mentions and the cursor unchanged (so a bad page moves nothing forward); each within the time and allocation
/// bound. XML is read with no DTD and no resolver.</summary>
public sealed class PullParserPropertyTests
{
    private static readonly PullSource[] Sources =
    [
        PullSource.Feed("forum", new Uri("https://forum.example.net/c/equipment.rss"), FeedAccount),
        PullSource.XRecentSearch("x-earned", "@ContosoCoffee -is:retweet", XAccount, XBrandId, "ContosoCoffee"),
        PullSource.Reddit("reddit-coffee", RedditAccount, "ContosoCoffee_Official", query: "contoso coffee"),
        PullSource.Reddit("reddit-comments", RedditAccount, "ContosoCoffee_Official", subreddit: "Coffee"),
        PullSource.YouTube("yt", YouTubeAccount, YouTubeBrandChannel),
    ];

    private static readonly byte[][] Seeds =
    [
        Bytes("rss2_forum_feed.xml"), Bytes("atom_review_feed.xml"), Bytes("x_v2_recent_search_response.json"),
        Bytes("reddit_search_listing.json"), Bytes("reddit_comment_listing_brand_reply.json"),
        Bytes("youtube_commentthreads_response.json"),
    ];

    private static PullCursor SomeCursor { get; } = PullCursor.Empty with { SinceId = "1", SeenIds = ["forum|seen-1"] };

    /// <summary>Parses the body as every kind of source, from the empty cursor and from a used one.</summary>
    private static void ParseAsEverySource(byte[] body)
    {
        foreach (var source in Sources)
        {
            foreach (var cursor in new[] { PullCursor.Empty, SomeCursor })
            {
                var result = HostileInput.Bounded(body.Length, () => PullProtocol.Parse(source, cursor, Ok(body), Brands));
                AssertResult(result, cursor);
            }
        }
    }

    private static void AssertResult(PullResult result, PullCursor cursor)
    {
        Assert.True(result.Outcome is PullOutcome.Ok or PullOutcome.BadBody, $"{result.Outcome}: {result.Error}");
        if (result.Outcome == PullOutcome.BadBody)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
            Assert.Empty(result.Batch.Mentions);
            Assert.Same(cursor, result.Cursor);
            Assert.False(result.MoreFollows);
        }
        else
        {
            Assert.Null(result.Error);
            Assert.All(result.Batch.Mentions, m => Assert.False(string.IsNullOrEmpty(m.Id.ExternalId)));
            // The stored cursor must survive a round trip, whatever the page held.
            Assert.True(PullCursor.TryParse(result.Cursor.ToJson(), out _, out var error), error);
        }
    }

    [Property(MaxTest = 80)]
    public Property Prop_MutatedPagesAreResultsInBoundedTime() =>
        Prop.ForAll(HostileInput.Mutations(Seeds.Length), m =>
        {
            ParseAsEverySource(HostileInput.Apply(Seeds[m.Seed], m.Edits));
            return true;
        });

    [Property(MaxTest = 80)]
    public Property Prop_RandomBytesAreResultsInBoundedTime() =>
        Prop.ForAll(HostileInput.RandomBytes(), body =>
        {
            ParseAsEverySource(body);
            return true;
        });

    [Property(MaxTest = 300)]
    public Property Prop_MutatedStoredCursorsParseOrGiveAReason()
    {
        var seeds = new[]
        {
            Encoding.UTF8.GetBytes(SomeCursor.ToJson()),
            Encoding.UTF8.GetBytes((PullCursor.Empty with { ETag = "\"abc\"", LastModified = "Mon, 02 Mar 2026 17:00:00 GMT", NextToken = "p2", PageToken = "yt2", After = "t3_x", HighWater = ReceivedAt }).ToJson()),
        };
        return Prop.ForAll(HostileInput.Mutations(seeds.Length), m =>
        {
            var text = Encoding.UTF8.GetString(HostileInput.Apply(seeds[m.Seed], m.Edits));
            HostileInput.Bounded(text.Length, () =>
            {
                var ok = PullCursor.TryParse(text, out var cursor, out var error);
                Assert.Equal(ok, cursor is not null);
                Assert.Equal(ok, error is null);
                return 0;
            });
            return true;
        });
    }

    [Fact]
    public void Parse_100000LevelsOfNesting_BadBodyForEveryKind()
    {
        var deepXml = Encoding.ASCII.GetBytes(
            "<rss version=\"2.0\"><channel><item><guid>g</guid><description>"
            + string.Concat(Enumerable.Repeat("<b>", HostileInput.DeepNesting)) + "x"
            + string.Concat(Enumerable.Repeat("</b>", HostileInput.DeepNesting)) + "</description></item></channel></rss>");
        foreach (var body in Seeds.Select(s => HostileInput.NestedInside(s)).Append(HostileInput.NestedJsonObjects()).Append(deepXml))
        {
            ParseAsEverySource(body);
        }
        // Regression (issue #8): a feed 100,000 elements deep took over 5 s to load; it is now refused up front.
        var feed = PullProtocol.Parse(Sources[0], PullCursor.Empty, Ok(deepXml), Brands);
        Assert.Equal(PullOutcome.BadBody, feed.Outcome);
        Assert.Contains("deeper than", feed.Error);
        foreach (var source in Sources.Skip(1))
        {
            Assert.Equal(PullOutcome.BadBody, PullProtocol.Parse(source, PullCursor.Empty, Ok(HostileInput.NestedJsonArrays()), Brands).Outcome);
        }
    }

    [Fact]
    public void Parse_BillionLaughs_BadBodyWithoutExpanding()
    {
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <rss version="2.0"><channel><item><guid>g1</guid><title>&lol9;</title></item></channel></rss>
            """;
        var bytes = Encoding.UTF8.GetBytes(body);

        var result = HostileInput.Bounded(bytes.Length, () => PullProtocol.Parse(Sources[0], PullCursor.Empty, Ok(bytes), Brands));

        Assert.Equal(PullOutcome.BadBody, result.Outcome);
        Assert.Contains("DTD", result.Error);
        Assert.Empty(result.Batch.Mentions);
    }

    [Fact]
    public void Parse_ExternalEntityOrDtdNamingAnExistingFile_BadBodyNamingTheDtd()
    {
        var secret = Path.Combine(Path.GetTempPath(), "socialsla-xxe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            foreach (var body in new[]
            {
                $"""<?xml version="1.0"?><!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://{secret}"> ]><rss version="2.0"><channel><item><guid>g1</guid><title>&xxe;</title></item></channel></rss>""",
                $"""<?xml version="1.0"?><!DOCTYPE feed SYSTEM "file://{secret}"><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e1</id><title>t</title></entry></feed>""",
                $"""<?xml version="1.0"?><!DOCTYPE rss [ <!ENTITY % p SYSTEM "file://{secret}"> %p; ]><rss version="2.0"><channel/></rss>""",
            })
            {
                var result = PullProtocol.Parse(Sources[0], PullCursor.Empty, Ok(body), Brands);

                Assert.Equal(PullOutcome.BadBody, result.Outcome);
                Assert.Contains("DTD", result.Error);
                Assert.DoesNotContain("TOP-SECRET", result.Error);
                Assert.Empty(result.Batch.Mentions);
            }
        }
        finally
        {
            File.Delete(secret);
        }
    }
}
