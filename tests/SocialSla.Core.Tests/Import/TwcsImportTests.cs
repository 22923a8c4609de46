using NodaTime;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Tests.Import;

public sealed partial class TwcsImportTests
{
    private const string Header = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";
    private static readonly ImportOptions Defaults = new();

    private static ImportBatch Read(string csv, ImportOptions? options = null) =>
        TwcsImport.Read(new StringReader(csv), options ?? Defaults);

    private static PlatformAccountId X(string handle) => new(Platform.X, handle);

    [Fact]
    public void Read_CustomerAndBrandReply_MapsEveryField()
    {
        var batch = Read(Header
            + "10,200334,True,Wed May 02 16:14:43 +0000 2018,@AcmeCare my order is late,11,\n"
            + "11,AcmeCare,False,Wed May 02 18:17:37 +0000 2018,@200334 sorry!,,10\n");

        Assert.Empty(batch.Issues);
        Assert.Equal(2, batch.Rows);
        Assert.False(batch.Stopped);
        var customer = batch.Mentions[0];
        var brand = batch.Mentions[1];

        Assert.Equal(new MentionId(Platform.X, "10"), customer.Id);
        Assert.Null(customer.ParentId);
        Assert.False(customer.FromBrand);
        Assert.Equal(new Author("200334", "200334"), customer.Author);
        Assert.Equal(X("AcmeCare"), customer.Account);
        Assert.Equal(Channel.Mention, customer.Channel);
        Assert.Null(customer.ThreadKey);
        Assert.Equal(MentionVerb.Add, customer.Verb);
        Assert.Equal("@AcmeCare my order is late", customer.Text);
        Assert.Equal(Instant.FromUtc(2018, 5, 2, 16, 14, 43), customer.CreatedAt);
        Assert.Equal(customer.CreatedAt, customer.ReceivedAt);

        Assert.Equal(new MentionId(Platform.X, "10"), brand.ParentId);
        Assert.True(brand.FromBrand);
        Assert.Equal(X("AcmeCare"), brand.Account);
        Assert.Equal(Instant.FromUtc(2018, 5, 2, 18, 17, 37), brand.CreatedAt);
    }

    [Fact]
    public void Read_QuotedFieldWithCommasAndEscapedQuotes_Unescapes()
    {
        var batch = Read(Header + "1,200,True,Wed May 02 16:14:43 +0000 2018,\"Hi, \"\"there\"\", you\",,\n");

        Assert.Empty(batch.Issues);
        Assert.Equal("Hi, \"there\", you", batch.Mentions[0].Text);
    }

    [Fact]
    public void Read_EmbeddedLineBreaks_KeptInTextAndLaterIssueHasPhysicalLine()
    {
        var batch = Read(Header
            + "1,200,True,Wed May 02 16:14:43 +0000 2018,\"line one\nline two\r\nline three\",,\n" // lines 2-4
            + "2,201,True,Wed May 02 16:15:43 +0000 2018,\"a\rb\",,\n"                        // lines 5-6
            + "3,202,True,yesterday,x,,\n");                                                      // line 7

        Assert.Equal("line one\nline two\r\nline three", batch.Mentions[0].Text);
        Assert.Equal("a\rb", batch.Mentions[1].Text);
        var issue = Assert.Single(batch.Issues);
        Assert.Equal(7, issue.Line);
        Assert.Equal("created_at 'yesterday' is not of the form 'Wed May 02 16:14:43 +0000 2018'.", issue.Reason);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void Read_AnyLineEnding_ReadsAllRowsAndCountsLines(string eol)
    {
        var csv = string.Join(eol,
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id",
            "1,200,True,Wed May 02 16:14:43 +0000 2018,hello,,",
            "2,AcmeCare,False,Wed May 02 16:20:43 +0000 2018,hi,,1",
            "x,200,True,Wed May 02 16:14:43 +0000 2018,bad id,,");

        var batch = Read(csv);

        Assert.Equal(3, batch.Rows);
        Assert.Equal(["hello", "hi"], batch.Mentions.Select(m => m.Text));
        Assert.Equal(4, Assert.Single(batch.Issues).Line);
    }

    [Fact]
    public void Read_ByteOrderMarkBeforeHeader_Tolerated()
    {
        var batch = Read("\uFEFF" + Header + "1,200,True,Wed May 02 16:14:43 +0000 2018,hello,,");

        Assert.Empty(batch.Issues);
        Assert.Equal("1", Assert.Single(batch.Mentions).Id.ExternalId);
    }

    [Fact]
    public void Read_ColumnsInOtherOrderWithExtraColumn_FoundByName()
    {
        var batch = Read("text,extra,In_Response_To_Tweet_Id,created_at,inbound,author_id,response_tweet_id, tweet_id\n"
            + "hello,zzz,5,Wed May 02 16:14:43 +0000 2018,False,AcmeCare,,7\n");

        Assert.Empty(batch.Issues);
        var mention = Assert.Single(batch.Mentions);
        Assert.Equal("7", mention.Id.ExternalId);
        Assert.Equal("5", mention.ParentId?.ExternalId);
        Assert.Equal("hello", mention.Text);
        Assert.True(mention.FromBrand);
        Assert.Equal(X("AcmeCare"), mention.Account);
    }

    [Fact]
    public void Read_HeaderMissingColumns_OneIssueAtLineOneAndStopped()
    {
        var batch = Read("tweet_id,author_id,created_at,response_tweet_id,in_response_to_tweet_id\n"
            + "1,200,Wed May 02 16:14:43 +0000 2018,,\n");

        var issue = Assert.Single(batch.Issues);
        Assert.Equal(1, issue.Line);
        Assert.Contains("'inbound'", issue.Reason);
        Assert.Contains("'text'", issue.Reason);
        Assert.True(batch.Stopped);
        Assert.Empty(batch.Mentions);
        Assert.Equal(0, batch.Rows);
    }

    [Fact]
    public void Read_HeaderNamesColumnTwice_Stopped()
    {
        var batch = Read("tweet_id,author_id,inbound,created_at,text,text,response_tweet_id,in_response_to_tweet_id\n");

        Assert.Contains("'text' twice", Assert.Single(batch.Issues).Reason);
        Assert.True(batch.Stopped);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData(Header)]
    public void Read_NoDataRecords_ZeroRowsAndNoIssues(string csv)
    {
        var batch = Read(csv);

        Assert.Equal(0, batch.Rows);
        Assert.Empty(batch.Issues);
        Assert.Empty(batch.Mentions);
        Assert.False(batch.Stopped);
    }

    [Fact]
    public void Read_UnterminatedQuote_IssueAtLineWhereRecordStarts()
    {
        var batch = Read(Header
            + "1,200,True,Wed May 02 16:14:43 +0000 2018,fine,,\n"
            + "2,200,True,Wed May 02 16:14:43 +0000 2018,\"never closed,,\nmore\nlines");

        Assert.Single(batch.Mentions);
        var issue = Assert.Single(batch.Issues);
        Assert.Equal(3, issue.Line);
        Assert.Contains("never closed", issue.Reason);
        Assert.Equal(2, batch.Rows);
    }

    [Theory]
    [InlineData("1,200,True,Wed May 02 16:14:43 +0000 2018,\"ab\"c,,", "after its closing quote")]
    [InlineData("1,200,True,Wed May 02 16:14:43 +0000 2018,ab\"c\",,", "does not start with one")]
    [InlineData("1,200,True,Wed May 02 16:14:43 +0000 2018,hello,", "Expected 7 fields, as in the header, but found 6.")]
    [InlineData("1,200,True,Wed May 02 16:14:43 +0000 2018,hello,,,", "Expected 7 fields, as in the header, but found 8.")]
    public void Read_MalformedRecord_ReportedAndFollowingRecordStillRead(string record, string reason)
    {
        var batch = Read(Header + record + "\n2,201,True,Wed May 02 16:14:43 +0000 2018,next,,\n");

        var issue = Assert.Single(batch.Issues);
        Assert.Equal(2, issue.Line);
        Assert.Contains(reason, issue.Reason);
        Assert.Equal("2", Assert.Single(batch.Mentions).Id.ExternalId);
        Assert.Equal(2, batch.Rows);
    }

    [Theory]
    [InlineData("12a,200,True,Wed May 02 16:14:43 +0000 2018,t,,", "tweet_id '12a'")]
    [InlineData(",200,True,Wed May 02 16:14:43 +0000 2018,t,,", "tweet_id ''")]
    [InlineData("99999999999999999999,200,True,Wed May 02 16:14:43 +0000 2018,t,,", "tweet_id")]
    [InlineData("1,,True,Wed May 02 16:14:43 +0000 2018,t,,", "author_id is empty.")]
    [InlineData("1, ,True,Wed May 02 16:14:43 +0000 2018,t,,", "author_id is empty.")]
    [InlineData("1,200,maybe,Wed May 02 16:14:43 +0000 2018,t,,", "inbound 'maybe' is not True or False.")]
    [InlineData("1,200,True,2018-05-02T16:14:43Z,t,,", "created_at '2018-05-02T16:14:43Z'")]
    [InlineData("1,200,True,Fri Feb 30 16:14:43 +0000 2018,t,,", "created_at 'Fri Feb 30")]
    [InlineData("1,200,True,Thu Feb 29 16:14:43 +0000 2018,t,,", "created_at 'Thu Feb 29")]
    [InlineData("1,200,True,Wed May 02 24:00:00 +0000 2018,t,,", "created_at")]
    [InlineData("1,200,True,Wed Mai 02 16:14:43 +0000 2018,t,,", "created_at")]
    [InlineData("1,200,True,Wed May 02 16:14:43 +0000 2018,t,,abc", "in_response_to_tweet_id 'abc'")]
    [InlineData("1,200,True,Wed May 02 16:14:43 +0000 2018,t,\"5,x7\",", "'x7', which is not a decimal tweet id")]
    public void Read_BadValue_ReportedWithFieldAndSkipped(string record, string reason)
    {
        var batch = Read(Header + record + "\n");

        var issue = Assert.Single(batch.Issues);
        Assert.Equal(2, issue.Line);
        Assert.Contains(reason, issue.Reason);
        Assert.Empty(batch.Mentions);
        Assert.Equal(1, batch.Rows);
    }

    [Theory]
    [InlineData("True", false)]
    [InlineData("true", false)]
    [InlineData("1", false)]
    [InlineData("False", true)]
    [InlineData("false", true)]
    [InlineData("0", true)]
    public void Read_InboundSpellings_SetFromBrand(string inbound, bool fromBrand)
    {
        var batch = Read(Header + $"1,200,{inbound},Wed May 02 16:14:43 +0000 2018,t,,\n");

        Assert.Equal(fromBrand, Assert.Single(batch.Mentions).FromBrand);
    }

    [Theory]
    [InlineData("Mon May 02 16:14:43 +0000 2018", 2018, 5, 2, 16, 14, 43)]  // a wrong weekday is tolerated
    [InlineData("Thu Feb 29 23:59:59 +0000 2024", 2024, 2, 29, 23, 59, 59)]
    [InlineData("Wed May 02 16:14:43 +0200 2018", 2018, 5, 2, 14, 14, 43)]
    [InlineData("Wed May 02 23:14:43 -0130 2018", 2018, 5, 3, 0, 44, 43)]
    public void Read_CreatedAt_ParsedToUtcInstant(string createdAt, int y, int mo, int d, int h, int mi, int s)
    {
        var batch = Read(Header + $"1,200,True,{createdAt},t,,\n");

        Assert.Empty(batch.Issues);
        Assert.Equal(Instant.FromUtc(y, mo, d, h, mi, s), Assert.Single(batch.Mentions).CreatedAt);
    }
}
