using NodaTime;
using SocialSla.Core.Import;

namespace SocialSla.Core.Tests.Import;

public sealed class JsonlImportTests
{
    private static string Line(string id, string createdAt = "2026-11-22T10:15:00Z", string extra = "") =>
        $$"""{"id":"{{id}}","platform":"x","account":"Acme","author":{"id":"u1","handle":"alice"},"fromBrand":false,"text":"hello","createdAt":"{{createdAt}}"{{extra}}}""";

    private static ImportBatch Read(string text, ImportOptions? options = null) =>
        JsonlImport.Read(new StringReader(text), options ?? new ImportOptions());

    [Fact]
    public void Read_BlankLinesSkipped_IssuesCarryPhysicalLineNumbers()
    {
        var batch = Read(Line("1") + "\n\n   \r\n" + Line("2") + "\r" + "{\"id\":\n" + Line("3"));

        Assert.Equal(4, batch.Rows);
        Assert.Equal(["1", "2", "3"], batch.Mentions.Select(m => m.Id.ExternalId));
        var issue = Assert.Single(batch.Issues);
        Assert.Equal(5, issue.Line);
        Assert.Contains("not valid JSON", issue.Reason);
        Assert.False(batch.Stopped);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n  \n")]
    public void Read_NoRecords_ZeroRowsAndNoIssues(string text)
    {
        var batch = Read(text);

        Assert.Equal(0, batch.Rows);
        Assert.Empty(batch.Issues);
        Assert.Empty(batch.Mentions);
    }

    [Fact]
    public void Read_ReceivedAt_LineValueThenOptionThenCreatedAt()
    {
        var option = Instant.FromUtc(2026, 11, 22, 12, 0);
        var text = Line("1", extra: ",\"receivedAt\":\"2026-11-22T10:15:02Z\"") + "\n" + Line("2");

        var withOption = Read(text, new ImportOptions { ReceivedAt = option });
        var without = Read(text);

        Assert.Equal(Instant.FromUtc(2026, 11, 22, 10, 15, 2), withOption.Mentions[0].ReceivedAt);
        Assert.Equal(option, withOption.Mentions[1].ReceivedAt);
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 10, 15), without.Mentions[1].ReceivedAt);
    }

    [Fact]
    public void Read_StrictMode_StopsAtFirstBadLine()
    {
        var text = Line("1") + "\n" + Line("2", createdAt: "soon") + "\n" + Line("3", createdAt: "later") + "\n";

        var strict = Read(text, new ImportOptions { Strict = true });
        var lenient = Read(text);

        Assert.True(strict.Stopped);
        Assert.Equal(2, strict.Rows);
        Assert.Equal(2, Assert.Single(strict.Issues).Line);
        Assert.Single(strict.Mentions);
        Assert.Equal([2L, 3L], lenient.Issues.Select(i => i.Line));
        Assert.Equal(3, lenient.Rows);
    }

    [Fact]
    public void Read_KeepTextFalse_TextEmpty()
    {
        var batch = Read(Line("1"), new ImportOptions { KeepText = false });

        Assert.Equal("", Assert.Single(batch.Mentions).Text);
    }

    [Fact]
    public void Read_RepeatedAccountAndAuthor_ShareStrings()
    {
        var batch = Read(Line("1") + "\n" + Line("2"));

        Assert.Same(batch.Mentions[0].Account.Value, batch.Mentions[1].Account.Value);
        Assert.Same(batch.Mentions[0].Author.Id, batch.Mentions[1].Author.Id);
    }

    [Fact]
    public void Read_LineLongerThanLimit_ReportedAndNextLineStillRead()
    {
        var huge = Line("1", extra: ",\"pad\":\"" + new string('x', JsonlMentionParser.MaxLineBytes + 10) + "\"");
        var text = "\uFEFF" + Line("0") + "\n" + huge + "\r\n" + Line("2");

        var batch = Read(text);

        Assert.Equal(3, batch.Rows);
        Assert.Equal(["0", "2"], batch.Mentions.Select(m => m.Id.ExternalId));
        var issue = Assert.Single(batch.Issues);
        Assert.Equal(2, issue.Line);
        Assert.Contains("longer than", issue.Reason);
    }

    [Fact]
    public void Read_TenThousandCharacterText_KeptWhole()
    {
        var text = new string('é', 10_000);

        var batch = Read(Line("1").Replace("\"hello\"", "\"" + text + "\""));

        Assert.Equal(text, Assert.Single(batch.Mentions).Text);
    }
}
