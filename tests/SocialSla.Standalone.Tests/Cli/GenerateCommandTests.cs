using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Cli;

public class GenerateCommandTests
{
    [Fact]
    public void Generate_ThenReplay_CountsTheGeneratedDuplicatesAndThreads()
    {
        using var files = new TempFiles();
        var path = Path.Combine(files.Folder, "traffic.csv");
        var (exit, _, error) = CliRunner.Run("generate", "--messages", "5000", "--seed", "3", "--out", path);
        Assert.True(exit == 0, error);

        var report = CliRunner.ReplayJson(path);
        var input = report.GetProperty("input");
        Assert.Equal(5000, input.GetProperty("rows").GetInt64());
        Assert.Equal(0, input.GetProperty("skipped").GetInt64());
        var duplicates = input.GetProperty("duplicates").GetInt64();
        Assert.InRange(duplicates, 10, 150);
        Assert.Equal(5000 - duplicates, report.GetProperty("mentions").GetProperty("received").GetInt64());
        var cases = report.GetProperty("cases").GetInt64();
        Assert.InRange((5000.0 - duplicates) / cases, 2.0, 3.0);
        Assert.InRange(report.GetProperty("responseRate").GetDouble(), 0.85, 0.97);
    }

    [Fact]
    public void Generate_Jsonl_ReplaysWithoutSkippedLines()
    {
        using var files = new TempFiles();
        var path = Path.Combine(files.Folder, "traffic.jsonl");
        Assert.Equal(0, CliRunner.Run("generate", "--messages", "3000", "--format", "jsonl", "--out", path).Exit);
        var report = CliRunner.ReplayJson(path);
        Assert.Equal(0, report.GetProperty("input").GetProperty("skipped").GetInt64());
        Assert.True(report.GetProperty("alerts").GetProperty("replyWindow").GetProperty("windowClosing").GetInt64() >= 0);
        Assert.Contains(report.GetProperty("brands").EnumerateObject(), b => b.Name.StartsWith("messenger:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--messages", "-1")]
    [InlineData("--messages", "200000000")]
    [InlineData("--start", "yesterday")]
    [InlineData("--start", "1999-01-01T00:00:00Z")]
    public void Generate_BadOption_ExitsWithCode2(string option, string value)
    {
        string[] args = option == "--messages" ? ["generate", option, value] : ["generate", "--messages", "10", option, value];
        var (exit, output, error) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("socialsla:", error);
    }

    [Fact]
    public void Generate_SameSeed_WritesTheSameBytes()
    {
        var first = CliRunner.Run("generate", "--messages", "500", "--seed", "9").Out;
        var second = CliRunner.Run("generate", "--messages", "500", "--seed", "9").Out;
        Assert.Equal(first, second);
        Assert.StartsWith("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id", first);
    }
}
