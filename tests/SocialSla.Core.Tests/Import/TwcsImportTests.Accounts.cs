using NodaTime;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Tests.Import;

public sealed partial class TwcsImportTests
{
    private static Dictionary<string, string> AccountsById(ImportBatch batch) =>
        batch.Mentions.ToDictionary(m => m.Id.ExternalId, m => m.Account.Value);

    [Fact]
    public void Read_RepliesBeforeParents_CustomersGetTheBrandAccount()
    {
        // Chain 1 <- 2 (brand) <- 3, listed 3, 2, 1.
        var batch = Read(Header
            + "3,200,True,Wed May 02 16:30:00 +0000 2018,@AcmeCare still waiting,,2\n"
            + "2,AcmeCare,False,Wed May 02 16:20:00 +0000 2018,@200 on it,3,1\n"
            + "1,200,True,Wed May 02 16:10:00 +0000 2018,@AcmeCare @OtherCo help,2,\n"
            + "9,OtherCo,False,Wed May 02 17:00:00 +0000 2018,unrelated,,\n");

        Assert.Empty(batch.Issues);
        var accounts = AccountsById(batch);
        Assert.Equal("AcmeCare", accounts["1"]);
        Assert.Equal("AcmeCare", accounts["3"]);
        Assert.Equal("AcmeCare", accounts["2"]);
        Assert.Equal(new MentionId(Platform.X, "2"), batch.Mentions[0].ParentId);
        Assert.Equal(["3", "2", "1", "9"], batch.Mentions.Select(m => m.Id.ExternalId));
    }

    [Fact]
    public void Read_ChainLinkedOnlyByResponseList_CustomerGetsTheBrandAccount()
    {
        // The brand row has no in_response_to_tweet_id; only the customer's response list links them.
        var batch = Read(Header
            + "1,200,True,Wed May 02 16:10:00 +0000 2018,@OtherCo @AcmeCare help,2,\n"
            + "2,AcmeCare,False,Wed May 02 16:20:00 +0000 2018,@200 hi,,\n"
            + "5,OtherCo,False,Wed May 02 16:25:00 +0000 2018,elsewhere,,\n");

        Assert.Equal("AcmeCare", AccountsById(batch)["1"]);
    }

    [Fact]
    public void Read_ParentMissingFromFile_SiblingsShareTheBrandAccount()
    {
        // 1 and 2 both answer tweet 999, which is not in the file.
        var batch = Read(Header
            + "1,200,True,Wed May 02 16:10:00 +0000 2018,@OtherCo me too,,999\n"
            + "2,AcmeCare,False,Wed May 02 16:20:00 +0000 2018,@200 hi,,999\n"
            + "3,OtherCo,False,Wed May 02 16:25:00 +0000 2018,elsewhere,,\n");

        Assert.Empty(batch.Issues);
        Assert.Equal("AcmeCare", AccountsById(batch)["1"]);
        Assert.Equal(new MentionId(Platform.X, "999"), batch.Mentions[0].ParentId);
    }

    [Fact]
    public void Read_SeveralBrandRows_EarliestByTimeThenFileOrderWins()
    {
        var batch = Read(Header
            + "1,200,True,Wed May 02 16:00:00 +0000 2018,@AcmeCare @BetaCo hi,\"2,3,4\",\n"
            + "2,BetaCo,False,Wed May 02 16:30:00 +0000 2018,later,,1\n"
            + "3,AcmeCare,False,Wed May 02 16:20:00 +0000 2018,earliest,,1\n"
            + "10,200,True,Wed May 02 17:00:00 +0000 2018,hi again,\"11,12\",\n"
            + "11,GammaCo,False,Wed May 02 17:10:00 +0000 2018,same time first in file,,10\n"
            + "12,BetaCo,False,Wed May 02 17:10:00 +0000 2018,same time second,,10\n");

        var accounts = AccountsById(batch);
        Assert.Equal("AcmeCare", accounts["1"]);
        Assert.Equal("BetaCo", accounts["2"]); // a brand row keeps its own author
        Assert.Equal("GammaCo", accounts["10"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_ChainWithoutBrandRow_UsesFirstRootHandleThatIsABrandAuthor(bool keepText)
    {
        var batch = Read(Header
            + "1,200,True,Wed May 02 16:00:00 +0000 2018,@friend look @ACMECARE @BetaCo broke it,7,\n"
            + "7,201,True,Wed May 02 16:05:00 +0000 2018,@BetaCo @200 same here,,1\n"
            + "20,AcmeCare,False,Wed May 02 18:00:00 +0000 2018,other chain,,\n"
            + "21,BetaCo,False,Wed May 02 18:00:00 +0000 2018,other chain,,\n",
            new ImportOptions { KeepText = keepText });

        var accounts = AccountsById(batch);
        Assert.Equal("AcmeCare", accounts["1"]); // spelt as the brand author, not as in the text
        Assert.Equal("AcmeCare", accounts["7"]); // from the root's text, not its own
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_ChainWithoutAnyKnownBrand_UsesFirstRootHandleElseUnknown(bool keepText)
    {
        var batch = Read(Header
            + "1,200,True,Wed May 02 16:00:00 +0000 2018,mail me at bob@example.com @Foo_Bar1 and @baz,,\n"
            + "2,200,True,Wed May 02 16:00:00 +0000 2018,no handles here @ all,,\n",
            new ImportOptions { KeepText = keepText });

        var accounts = AccountsById(batch);
        Assert.Equal("Foo_Bar1", accounts["1"]);
        Assert.Equal("unknown", accounts["2"]);
        Assert.All(batch.Mentions, m => Assert.Equal(Platform.X, m.Account.Platform));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_BrandlessChainWhoseRootAnswersAMissingTweet_UsesTheRootHandle(bool keepText)
    {
        // 2 is listed before its parent 1, and 1 answers tweet 999, which is not in the file.
        var batch = Read(Header
            + "2,201,True,Wed May 02 16:05:00 +0000 2018,@Other @200 me too,,1\n"
            + "1,200,True,Wed May 02 16:00:00 +0000 2018,@ZetaCo replying to a deleted tweet,2,999\n",
            new ImportOptions { KeepText = keepText });

        Assert.Equal("ZetaCo", AccountsById(batch)["2"]);
        Assert.Equal("ZetaCo", AccountsById(batch)["1"]);
    }

    [Fact]
    public void Read_LongResponseList_EveryListedTweetJoinsTheChain()
    {
        var responses = string.Join(",", Enumerable.Range(100, 20));
        var batch = Read(Header
            + $"1,200,True,Wed May 02 16:00:00 +0000 2018,@OtherCo hi,\"{responses}\",\n"
            + "119,AcmeCare,False,Wed May 02 16:10:00 +0000 2018,@200 hello,,\n"
            + "5,OtherCo,False,Wed May 02 16:25:00 +0000 2018,elsewhere,,\n");

        Assert.Empty(batch.Issues);
        Assert.Equal("AcmeCare", AccountsById(batch)["1"]);
    }

    [Fact]
    public void Read_StrictMode_StopsAtFirstIssue()
    {
        var csv = Header
            + "1,200,True,Wed May 02 16:00:00 +0000 2018,ok,,\n"
            + "2,200,Perhaps,Wed May 02 16:00:00 +0000 2018,bad,,\n"
            + "3,200,True,yesterday,also bad,,\n"
            + "4,200,True,Wed May 02 16:00:00 +0000 2018,ok,,\n";

        var strict = Read(csv, new ImportOptions { Strict = true });
        var lenient = Read(csv);

        Assert.True(strict.Stopped);
        Assert.Equal(2, strict.Rows);
        Assert.Equal(3, Assert.Single(strict.Issues).Line);
        Assert.Equal("1", Assert.Single(strict.Mentions).Id.ExternalId);

        Assert.False(lenient.Stopped);
        Assert.Equal(4, lenient.Rows);
        Assert.Equal([3L, 4L], lenient.Issues.Select(i => i.Line));
        Assert.Equal(["1", "4"], lenient.Mentions.Select(m => m.Id.ExternalId));
    }

    [Fact]
    public void Read_KeepTextFalse_TextIsEmpty()
    {
        var batch = Read(Header + "1,200,True,Wed May 02 16:00:00 +0000 2018,\"secret, text\",,\n",
            new ImportOptions { KeepText = false });

        Assert.Equal("", Assert.Single(batch.Mentions).Text);
    }

    [Fact]
    public void Read_ReceivedAtOption_StampedOnEveryMention()
    {
        var receivedAt = Instant.FromUtc(2026, 11, 22, 10, 0);
        var batch = Read(Header + "1,200,True,Wed May 02 16:00:00 +0000 2018,t,,\n",
            new ImportOptions { ReceivedAt = receivedAt });

        Assert.Equal(receivedAt, Assert.Single(batch.Mentions).ReceivedAt);
    }

    [Fact]
    public void Read_SameRowTwice_BothEmitted()
    {
        const string row = "1,200,True,Wed May 02 16:00:00 +0000 2018,t,,\n";

        var batch = Read(Header + row + row);

        Assert.Equal(2, batch.Mentions.Count);
        Assert.Equal(batch.Mentions[0], batch.Mentions[1]);
    }

    [Fact]
    public void Read_TenThousandCharacterQuotedText_KeptWhole()
    {
        var text = string.Concat(Enumerable.Repeat("ab,\"c\"\n", 10_000 / 7 + 1))[..10_000];
        var quoted = "\"" + text.Replace("\"", "\"\"") + "\"";
        var lineBreaks = text.Count(c => c == '\n');

        var batch = Read(Header
            + $"1,200,True,Wed May 02 16:00:00 +0000 2018,{quoted},,\n"
            + "2,200,True,never,t,,\n");

        Assert.Equal(10_000, batch.Mentions[0].Text.Length);
        Assert.Equal(text, batch.Mentions[0].Text);
        Assert.Equal(3 + lineBreaks, Assert.Single(batch.Issues).Line);
    }

    [Fact]
    public void Read_RepeatedAuthor_SharesOneAuthorInstance()
    {
        var batch = Read(Header
            + "1,AcmeCare,False,Wed May 02 16:00:00 +0000 2018,a,,\n"
            + "2,AcmeCare,False,Wed May 02 16:01:00 +0000 2018,b,,\n");

        Assert.Same(batch.Mentions[0].Author, batch.Mentions[1].Author);
    }

    [Fact]
    public void CountRecords_QuotedLineBreaksAndBlankLines_CountsDataRecords()
    {
        var csv = Header + "1,\"a\nb\",x\n\n2,\"c\r\n\",y\r\n3,d,z";

        Assert.Equal(3, TwcsImport.CountRecords(new StringReader(csv)));
        Assert.Equal(0, TwcsImport.CountRecords(new StringReader("")));
    }
}
