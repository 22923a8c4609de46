using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using SocialSla.Core.Import;
using SocialSla.Core.Tests.Support;

namespace SocialSla.Core.Tests.Import;

/// <summary>Issue #8: hostile TWCS CSV and JSONL exports. An import never throws, ends within
/// <see cref="HostileInput.TimeBound"/> with bounded allocation, and accounts for every record: each is either a
/// message or an issue (unless the header is unusable or strict mode stopped it).</summary>
public sealed class ImportPropertyTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 11, 22, 12, 0);

    private static readonly byte[][] CsvSeeds =
    [
        FirstLines(File.ReadAllBytes(SharedDataFile("care-conversations-dev.csv")), 40),
        Encoding.UTF8.GetBytes(
            "\uFEFFtweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\r\n"
            + "1,115712,True,Tue Oct 31 22:10:47 +0000 2017,\"@sprintcare and \"\"how\"\" do you\nmake it stop\",2,\r\n"
            + "2,sprintcare,False,Tue Oct 31 22:11:45 +0000 2017,@115712 Please send us a DM,,1\r\n"),
    ];

    private static readonly byte[][] JsonlSeeds =
    [
        Encoding.UTF8.GetBytes(
            """
            {"id":"1789","platform":"x","account":"ContosoCoffee","channel":"mention","parentId":"1788","threadKey":null,"author":{"id":"200334","handle":"alice","followers":120,"verified":false},"fromBrand":false,"text":"@ContosoCoffee my order is late","createdAt":"2026-11-22T10:15:00Z","receivedAt":"2026-11-22T10:15:02Z","verb":"add","actionable":true,"priority":"normal","url":"https://x.com/alice/status/1789"}
            {"id":"m1","platform":"facebook","account":"page1","author":{"id":"u1"},"fromBrand":true,"createdAt":"2026-11-22T10:15:00Z"}

            {"id":"m2","platform":"messenger","account":"page1","channel":"dm","threadKey":"t_1","author":{"id":"u2","handle":null},"fromBrand":false,"text":"hi\u00e9\ud83d\ude00","createdAt":"2026-11-22T10:16:00.123Z","verb":"edit"}
            """),
    ];

    private static string SharedDataFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var data = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(data)) return Path.Combine(data, name);
        }
        throw new DirectoryNotFoundException($"No shared/data directory above {AppContext.BaseDirectory}.");
    }

    private static byte[] FirstLines(byte[] bytes, int lines)
    {
        var end = 0;
        for (var n = 0; n < lines && end < bytes.Length; end++) if (bytes[end] == (byte)'\n') n++;
        return bytes[..end];
    }

    private static ImportBatch Import(Func<TextReader, ImportOptions, ImportBatch> read, byte[] bytes, bool strict) =>
        HostileInput.Bounded(bytes.Length, () =>
        {
            // Decoded as a file would be: invalid UTF-8 becomes U+FFFD, a BOM is dropped.
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
            return read(reader, new ImportOptions { Strict = strict, ReceivedAt = Received });
        });

    private static void AssertEveryRecordAccountedFor(ImportBatch batch, bool strict)
    {
        Assert.All(batch.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Reason)));
        if (batch.Stopped)
        {
            Assert.NotEmpty(batch.Issues);
            return;
        }
        Assert.False(strict && batch.Issues.Count > 0);
        Assert.Equal(batch.Rows, batch.Mentions.Count + batch.Issues.Count);
        // Reading each mention must not throw either (TWCS builds them lazily).
        Assert.All(batch.Mentions, m => Assert.False(string.IsNullOrEmpty(m.Id.ExternalId)));
    }

    [Property(MaxTest = 200)]
    public Property Prop_TwcsMutationsAreAccountedForInBoundedTime() =>
        Prop.ForAll(HostileInput.Mutations(CsvSeeds.Length), ArbMap.Default.ArbFor<bool>(), (m, strict) =>
        {
            var batch = Import(TwcsImport.Read, HostileInput.Apply(CsvSeeds[m.Seed], m.Edits), strict);
            AssertEveryRecordAccountedFor(batch, strict);
            return true;
        });

    [Property(MaxTest = 200)]
    public Property Prop_JsonlMutationsAreAccountedForInBoundedTime() =>
        Prop.ForAll(HostileInput.Mutations(JsonlSeeds.Length), ArbMap.Default.ArbFor<bool>(), (m, strict) =>
        {
            var batch = Import(JsonlImport.Read, HostileInput.Apply(JsonlSeeds[m.Seed], m.Edits), strict);
            AssertEveryRecordAccountedFor(batch, strict);
            return true;
        });

    [Property(MaxTest = 200)]
    public Property Prop_RandomBytesAreAccountedForInBoundedTime() =>
        Prop.ForAll(HostileInput.RandomBytes(), body =>
        {
            AssertEveryRecordAccountedFor(Import(TwcsImport.Read, body, strict: false), strict: false);
            AssertEveryRecordAccountedFor(Import(JsonlImport.Read, body, strict: false), strict: false);
            return true;
        });

    [Property(MaxTest = 300)]
    public Property Prop_JsonlLineMutationsAnswerTrueOrAReason() =>
        Prop.ForAll(HostileInput.Mutations(JsonlSeeds.Length), m =>
        {
            var line = HostileInput.Apply(JsonlSeeds[m.Seed].AsSpan(0, Array.IndexOf(JsonlSeeds[m.Seed], (byte)'\n')).ToArray(), m.Edits);
            HostileInput.Bounded(line.Length, () =>
            {
                var ok = JsonlMentionParser.TryParse(line, Received, out var mention, out var error);
                Assert.Equal(ok, mention is not null);
                Assert.Equal(ok, error is null);
                return 0;
            });
            return true;
        });

    [Fact]
    public void Read_100000LevelsOfNestingOnALine_AnIssueNamingTheDepth()
    {
        // An unknown member (which the parser skips) holding 100,000 nested arrays, on the first of three lines.
        byte[] body = [(byte)'{', .. "\"extra\":"u8, .. HostileInput.NestedJsonArrays(), (byte)',', .. JsonlSeeds[0].AsSpan(1)];
        var batch = Import(JsonlImport.Read, body, strict: false);

        Assert.Equal(3, batch.Rows);
        Assert.Equal(2, batch.Mentions.Count);
        var issue = Assert.Single(batch.Issues);
        Assert.Equal(1, issue.Line);
        Assert.Contains("deeper", issue.Reason);
    }

    [Fact]
    public void Read_UnclosedQuoteSwallowingTheFile_IssuesNotAHang()
    {
        // An opening quote that never closes makes the rest of the file one field (RFC 4180): a bad record, reported.
        var body = Encoding.UTF8.GetBytes("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n1,a,True,Tue Oct 31 22:10:47 +0000 2017,\"" + new string('x', 4 * 1024 * 1024) + "\n");

        var batch = Import(TwcsImport.Read, body, strict: false);

        Assert.Empty(batch.Mentions);
        Assert.NotEmpty(batch.Issues);
    }
}
