using System.Text.Json;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Cli;

public class SentimentCommandTests
{
    private const string Labelled = "id,sentiment,text\n1,positive,\"thank you so much, great service\"\n2,negative,still waiting for my refund\n3,neutral,what time do you open on sunday\n4,negative,the app is not working\n";

    [Fact]
    public void SentimentEval_SmallFile_PrintsScoresMatrixAndThroughput()
    {
        using var files = new TempFiles();
        var (exit, output, error) = CliRunner.Run("sentiment", files.Write("labelled.csv", Labelled), "--eval");
        Assert.True(exit == 0, error);
        Assert.Contains("macro-F1    1.000", output);
        Assert.Contains("confusion (rows: expected, columns: predicted)", output);
        Assert.Contains("documents/s", output);
    }

    [Fact]
    public void SentimentEval_Json_HasTheFields()
    {
        using var files = new TempFiles();
        var (exit, output, error) = CliRunner.Run("sentiment", files.Write("labelled.csv", Labelled), "--eval", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("documents").GetInt32());
        Assert.Equal(1.0, root.GetProperty("macroF1").GetDouble());
        Assert.Equal(2, root.GetProperty("confusion").GetProperty("negative").GetProperty("negative").GetInt32());
        Assert.Equal(1.0, root.GetProperty("classes").GetProperty("neutral").GetProperty("recall").GetDouble());
        Assert.True(root.GetProperty("docsPerSecond").GetDouble() > 0);
    }

    [Fact]
    public void Sentiment_WithoutEval_OrWithoutColumns_ExitsWithCode2()
    {
        using var files = new TempFiles();
        Assert.Equal(2, CliRunner.Run("sentiment", files.Write("a.csv", Labelled)).Exit);
        var (exit, _, error) = CliRunner.Run("sentiment", files.Write("b.csv", "id,body\n1,hi\n"), "--eval");
        Assert.Equal(2, exit);
        Assert.Contains("sentiment", error);
        Assert.Equal(2, CliRunner.Run("sentiment", "/nonexistent/x.csv", "--eval").Exit);
    }
}
