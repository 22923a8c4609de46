using System.Text.Json;
using System.Text.RegularExpressions;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Cli;

/// <summary><c>socialsla report FILE --html OUT</c> (issue #7): one self-contained file whose numbers are
/// <c>replay --json</c>'s.</summary>
public sealed partial class ReportCommandTests
{
    [Fact]
    public void Report_embeds_the_numbers_of_replay_json_and_needs_no_network()
    {
        using var files = new TempFiles();
        var input = System.IO.Path.Combine(files.Folder, "traffic.csv");
        Assert.Equal(0, CliRunner.Run("generate", "--messages", "3000", "--seed", "7", "--out", input).Exit);
        var html = System.IO.Path.Combine(files.Folder, "report.html");

        var (exit, output, error) = CliRunner.Run("report", input, "--html", html);
        var replay = CliRunner.ReplayJson(input);

        Assert.True(exit == 0, error);
        Assert.Contains("report.html", output, StringComparison.Ordinal);
        var page = File.ReadAllText(html);
        // Self-contained: no script, style, image or font but inline or data: ones, and a policy that forbids any fetch.
        Assert.DoesNotMatch(ExternalReference(), page);
        Assert.Contains("default-src 'none'", page, StringComparison.Ordinal);
        var data = JsonDocument.Parse(ReportData().Match(page).Groups[1].Value).RootElement;

        // The embedded replay object is replay --json's, and the KPI view's totals (merged again from the hourly
        // aggregates, in every split) equal it.
        Assert.True(JsonElement.DeepEquals(replay, data.GetProperty("replay")));
        Assert.True(replay.GetProperty("cases").GetInt64() > 100);
        foreach (var split in new[] { "none", "channel", "priority", "account" })
        {
            var total = data.GetProperty("day").GetProperty(split).GetProperty("total");
            foreach (var field in new[] { "cases", "answered", "responseRate", "resolved", "reopened" })
                Assert.Equal(replay.GetProperty(field).GetRawText(), total.GetProperty(field).GetRawText());
            foreach (var field in new[] { "count", "meanSeconds", "p50Seconds", "p90Seconds", "within15m", "within1h" })
                Assert.Equal(replay.GetProperty("firstReply").GetProperty(field).GetDouble(), total.GetProperty("firstReply").GetProperty(field).GetDouble(), 9);
            Assert.True(JsonElement.DeepEquals(replay.GetProperty("alerts"), total.GetProperty("alerts")), split);
            var byBucket = data.GetProperty("day").GetProperty(split).GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("cases").GetInt64());
            Assert.Equal(replay.GetProperty("cases").GetInt64(), byBucket);
        }
        var distribution = data.GetProperty("day").GetProperty("none").GetProperty("total").GetProperty("firstReplyDistribution").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64());
        Assert.Equal(replay.GetProperty("firstReply").GetProperty("count").GetInt64(), distribution);
        Assert.Equal(replay.GetProperty("cases").GetInt64(), data.GetProperty("hour").GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("cases").GetInt64()));
    }

    [Fact]
    public void Report_with_triage_embeds_the_triage_of_replay_json_with_the_same_settings()
    {
        using var files = new TempFiles();
        var input = System.IO.Path.Combine(files.Folder, "traffic.csv");
        Assert.Equal(0, CliRunner.Run("generate", "--messages", "2000", "--seed", "5", "--out", input).Exit);
        var triage = files.Write("triage.json", """{ "routing": { "rules": [ { "name": "billing", "when": { "terms": ["refund*", "charged"] }, "queue": "billing" } ] } }""");
        var html = System.IO.Path.Combine(files.Folder, "report.html");

        var (exit, _, error) = CliRunner.Run("report", input, "--html", html, "--triage", triage);
        var replay = CliRunner.ReplayJson(input, "--triage", triage);

        Assert.True(exit == 0, error);
        var data = JsonDocument.Parse(ReportData().Match(File.ReadAllText(html)).Groups[1].Value).RootElement;
        Assert.True(JsonElement.DeepEquals(replay, data.GetProperty("replay")));
        var embedded = data.GetProperty("replay").GetProperty("triage");
        Assert.True(embedded.GetProperty("mentions").GetInt64() > 0);
        Assert.True(embedded.GetProperty("actionable").GetInt64() < embedded.GetProperty("mentions").GetInt64());
    }

    [Fact]
    public void Report_without_html_or_with_a_missing_file_fails_with_code_2()
    {
        using var files = new TempFiles();

        var (noHtml, _, _) = CliRunner.Run("report", files.Write("empty.csv", ""));
        var (missing, _, error) = CliRunner.Run("report", "/nonexistent/file.csv", "--html", System.IO.Path.Combine(files.Folder, "out.html"));

        Assert.NotEqual(0, noHtml);
        Assert.Equal(2, missing);
        Assert.Contains("/nonexistent/file.csv", error, StringComparison.Ordinal);
        Assert.False(File.Exists(System.IO.Path.Combine(files.Folder, "out.html")));
    }

    [GeneratedRegex("""<(script|link|img)[^>]+(src|href)="(?!data:)""")]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""<script type="application/json" id="report-data">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex ReportData();
}
