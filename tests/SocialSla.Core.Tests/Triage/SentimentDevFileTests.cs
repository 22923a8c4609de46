using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

/// <summary>Issue 5: the analyser on the shared labelled dev file (evaluation only; nothing is fitted to it).</summary>
public class SentimentDevFileTests
{
    [Fact]
    public void Analyze_AirlineDevFile_MacroF1AtLeast062()
    {
        using var reader = new StreamReader(DataPath("airline-sentiment-dev.csv"));
        Assert.True(LabelledTextReader.TryRead(reader, out var documents, out var skipped, out var error), error);
        Assert.Equal(0, skipped);
        Assert.True(documents.Count > 6000);
        var confusion = new SentimentConfusion();
        foreach (var document in documents) confusion.Add(document.Label, SentimentAnalyzer.Analyze(document.Text).Label);
        Assert.True(confusion.MacroF1 >= 0.62, $"macro-F1 {confusion.MacroF1:0.000}");
        foreach (var c in SentimentConfusion.Classes) Assert.True(confusion.F1(c) >= 0.45, $"{c} F1 {confusion.F1(c):0.000}");
    }

    private static string DataPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"shared/data/{name} was not found beside any parent of {AppContext.BaseDirectory}.");
    }
}
