using System.Globalization;
using NodaTime;
using SocialSla.Standalone.Generate;

namespace SocialSla.Standalone.Tests.Generate;

public sealed partial class TrafficGeneratorTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 0, 0); // a Monday

    private const string Header = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id";

    private static readonly Lazy<string> Twcs20k = new(() => Render(new GenerateOptions(20_000, 7, GenerateFormat.Twcs, Start)));

    private static readonly Lazy<List<TwcsRow>> Rows20k = new(() => ParseTwcs(Twcs20k.Value));

    internal static string Render(GenerateOptions options)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        TrafficGenerator.Write(writer, options);
        return writer.ToString();
    }

    internal static List<TwcsRow> ParseTwcs(string csv)
    {
        var records = StrictCsv.Parse(csv);
        Assert.Equal(Header, string.Join(',', records[0]));
        return [.. records.Skip(1).Select(TwcsRow.From)];
    }

    /// <summary>The first occurrence of every id (duplicates dropped).</summary>
    private static Dictionary<string, TwcsRow> Unique(List<TwcsRow> rows)
    {
        var unique = new Dictionary<string, TwcsRow>();
        foreach (var row in rows) unique.TryAdd(row.TweetId, row);
        return unique;
    }

    private static string RootOf(Dictionary<string, TwcsRow> unique, string id)
    {
        while (unique[id].InResponseTo is { } parent) id = parent;
        return id;
    }

    [Theory]
    [InlineData(GenerateFormat.Twcs)]
    [InlineData(GenerateFormat.Jsonl)]
    public void Write_SameOptions_ByteIdenticalOutput(GenerateFormat format)
    {
        var options = new GenerateOptions(3_000, 1234, format, Start);

        var first = Render(options);
        var second = Render(options with { });

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(GenerateFormat.Twcs)]
    [InlineData(GenerateFormat.Jsonl)]
    public void Write_DifferentSeed_DifferentOutput(GenerateFormat format)
    {
        var a = Render(new GenerateOptions(500, 1, format, Start));
        var b = Render(new GenerateOptions(500, 2, format, Start));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Write_DifferentStart_ShiftsTimesNotJustIds()
    {
        var a = ParseTwcs(Render(new GenerateOptions(50, 9, GenerateFormat.Twcs, Start)));
        var b = ParseTwcs(Render(new GenerateOptions(50, 9, GenerateFormat.Twcs, Start + Duration.FromDays(30))));

        Assert.StartsWith("Mon Nov 02", a[0].CreatedAt);
        Assert.StartsWith("Wed Dec 02", b[0].CreatedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(37)]
    [InlineData(20_000)]
    public void Write_Twcs_WritesExactlyMessagesRowsAfterTheHeader(int messages)
    {
        var rows = messages == 20_000 ? Rows20k.Value : ParseTwcs(Render(new GenerateOptions(messages, 5, GenerateFormat.Twcs, Start)));

        Assert.Equal(messages, rows.Count);
    }

    [Fact]
    public void Write_Twcs_IsStrictRfc4180AndExercisesQuoting()
    {
        var csv = Twcs20k.Value;
        var rows = Rows20k.Value; // StrictCsv throws on any violation

        Assert.EndsWith("\r\n", csv);
        Assert.Contains(rows, r => r.Text.Contains('\n'));
        Assert.Contains(rows, r => r.Text.Contains(','));
        Assert.Contains(rows, r => r.Text.Contains('"'));
        Assert.Contains(rows, r => r.ResponseIds.Length > 1);
    }

    [Fact]
    public void Write_Twcs_CreatedAtHasTheTwcsFormat()
    {
        foreach (var row in Rows20k.Value)
        {
            Assert.True(DateTimeOffset.TryParseExact(row.CreatedAt, "ddd MMM dd HH:mm:ss '+0000' yyyy",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), row.CreatedAt);
        }
    }

    [Fact]
    public void Write_Twcs_EveryReplyParentExistsAndResponseListsMatchReplies()
    {
        var unique = Unique(Rows20k.Value);
        var replies = unique.Values.Where(r => r.InResponseTo is not null).ToLookup(r => r.InResponseTo!);

        foreach (var row in unique.Values)
        {
            if (row.InResponseTo is { } parent) Assert.True(unique.ContainsKey(parent), $"parent {parent} of {row.TweetId} missing");
            Assert.Equal(replies[row.TweetId].Select(r => r.TweetId).Order(), row.ResponseIds.Order());
        }
    }

    [Fact]
    public void Write_Twcs_IdsIncreaseStrictlyWithCreationTime()
    {
        var ordered = Unique(Rows20k.Value).Values.OrderBy(r => long.Parse(r.TweetId, CultureInfo.InvariantCulture)).ToList();
        var times = ordered.Select(r => DateTimeOffset.ParseExact(r.CreatedAt, "ddd MMM dd HH:mm:ss '+0000' yyyy",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)).ToList();

        for (var i = 1; i < times.Count; i++) Assert.True(times[i - 1] <= times[i], $"{ordered[i - 1].TweetId} is later than {ordered[i].TweetId}");
        foreach (var row in Unique(Rows20k.Value).Values.Where(r => r.InResponseTo is not null))
            Assert.True(long.Parse(row.TweetId, CultureInfo.InvariantCulture) > long.Parse(row.InResponseTo!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Write_Twcs_AboutOnePercentExactDuplicatesAFewRowsLater()
    {
        var rows = Rows20k.Value;
        var firstIndex = new Dictionary<string, int>();
        var duplicates = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (firstIndex.TryAdd(rows[i].TweetId, i)) continue;
            duplicates++;
            var original = rows[firstIndex[rows[i].TweetId]];
            Assert.Equal(original.Raw, rows[i].Raw);
            Assert.InRange(i - firstIndex[rows[i].TweetId], 1, 12);
        }

        Assert.InRange(duplicates / (double)rows.Count, 0.005, 0.016);
    }

    [Fact]
    public void Write_Twcs_SomeRepliesComeAFewRowsBeforeTheirParent()
    {
        var rows = Rows20k.Value;
        var position = new Dictionary<string, int>();
        for (var i = 0; i < rows.Count; i++) position.TryAdd(rows[i].TweetId, i);

        var early = position.Where(p => rows[p.Value].InResponseTo is { } parent && position[parent] > p.Value).ToList();

        Assert.InRange(early.Count / (double)rows.Count, 0.01, 0.035);
        foreach (var (id, at) in early) Assert.InRange(position[rows[at].InResponseTo!] - at, 1, 10);
    }

    [Fact]
    public void Write_Twcs_ConversationShapeIsRealistic()
    {
        var unique = Unique(Rows20k.Value);
        var conversations = unique.Keys.GroupBy(id => RootOf(unique, id)).ToList();
        var unanswered = conversations.Count(c => c.All(id => unique[id].Inbound));

        Assert.All(conversations, c => Assert.True(unique[c.Key].Inbound, "a conversation must be opened by a customer"));
        Assert.InRange(unique.Count / (double)conversations.Count, 2.0, 3.0);
        Assert.InRange(unanswered / (double)conversations.Count, 0.04, 0.13);
        Assert.Contains(conversations, c => c.Count() >= 4);
    }

    [Fact]
    public void Write_Twcs_TextsAddressTheOtherParty()
    {
        var unique = Unique(Rows20k.Value);
        foreach (var row in unique.Values)
        {
            var root = unique[RootOf(unique, row.TweetId)];
            if (row.Inbound)
            {
                Assert.Equal(root.AuthorId, row.AuthorId);
                Assert.Matches("^[0-9]+$", row.AuthorId);
                Assert.StartsWith("@", row.Text);
            }
            else
            {
                Assert.StartsWith("@" + root.AuthorId + " ", row.Text);
                Assert.Matches("^[A-Za-z]+$", row.AuthorId);
            }
        }
        var brandsAddressed = unique.Values.Where(r => r.InResponseTo is null)
            .Select(r => r.Text[1..r.Text.IndexOf(' ')]).ToHashSet();
        Assert.InRange(brandsAddressed.Count, 15, 20);
    }

    [Fact]
    public void Generate_AgreesWithWriteRowForRow()
    {
        var options = new GenerateOptions(20_000, 7, GenerateFormat.Twcs, Start);
        var mentions = TrafficGenerator.Generate(options).ToList();
        var rows = Rows20k.Value;

        Assert.Equal(rows.Count, mentions.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (m, r) = (mentions[i], rows[i]);
            Assert.Equal(r.TweetId, m.Id.ExternalId);
            Assert.Equal(r.AuthorId, m.Author.Id);
            Assert.Equal(r.Inbound, !m.FromBrand);
            Assert.Equal(r.Text, m.Text);
            Assert.Equal(r.InResponseTo, m.ParentId?.ExternalId);
            Assert.Equal(r.CreatedAt, m.CreatedAt.ToDateTimeOffset().ToString("ddd MMM dd HH:mm:ss '+0000' yyyy", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Generate_IsLazyAndRepeatable()
    {
        var sequence = TrafficGenerator.Generate(new GenerateOptions(1_000, 3, GenerateFormat.Jsonl, Start));

        var first = sequence.Take(10).Select(m => m.Id).ToList();
        var again = sequence.Take(10).Select(m => m.Id).ToList();

        Assert.Equal(first, again);
    }

    [Fact]
    public void Write_NullArguments_Throw()
    {
        var options = new GenerateOptions(1, 1, GenerateFormat.Twcs, Start);
        Assert.Throws<ArgumentNullException>("writer", () => TrafficGenerator.Write(null!, options));
        Assert.Throws<ArgumentNullException>("options", () => TrafficGenerator.Write(TextWriter.Null, null!));
        Assert.Throws<ArgumentNullException>("options", () => TrafficGenerator.Generate(null!));
    }
}
