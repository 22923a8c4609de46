using System.CommandLine;
using SocialSla.Core.Privacy;
using SocialSla.Standalone.Replay;

namespace SocialSla.Standalone.Cli;

/// <summary><c>socialsla report FILE --html OUT</c>: the same replay as <c>socialsla replay</c>, written as one
/// self-contained HTML file showing the KPI view (no network needed to open it).</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The export to replay: TWCS CSV or JSONL mentions." };
        var html = new Option<string>("--html") { Description = "Where to write the HTML report.", Required = true };
        var format = new Option<string?>("--format") { Description = "twcs or jsonl (default: from the file extension: .csv is twcs, .jsonl/.ndjson is jsonl)." };
        format.AcceptOnlyFromAmong("twcs", "jsonl");
        var policy = new Option<string?>("--policy") { Description = "An SLA policy file (JSON; see README)." };
        var target = new Option<string?>("--first-reply-target") { Description = "Sets the first- and next-reply target of every case, e.g. 15m." };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first malformed row (exit code 1) instead of skipping it." };
        var triage = new Option<string?>("--triage") { Description = "Triage customer messages with these settings (as replay --triage) and show triage in the report." };
        var maskPii = new Option<string>("--mask-pii") { Description = "on (default) or off, as replay --mask-pii.", DefaultValueFactory = _ => "on" };
        maskPii.AcceptOnlyFromAmong("on", "off");
        var command = new Command("report", "Replay an export like `replay` and write its KPI view as one self-contained HTML file.")
        {
            file, html, format, policy, target, strict, triage, maskPii,
        };
        command.SetAction(parsed => Run(parsed.GetValue(file)!, parsed.GetValue(html)!, parsed.GetValue(format), parsed.GetValue(policy),
            parsed.GetValue(target), parsed.GetValue(strict), parsed.GetValue(triage), parsed.GetValue(maskPii) == "on" ? PiiKinds.All : PiiKinds.None,
            output, error));
        return command;
    }

    private static int Run(string path, string htmlPath, string? format, string? policyPath, string? target, bool strict, string? triagePath,
        PiiKinds masking, TextWriter output, TextWriter error)
    {
        // A batch job: throughput and peak memory count, not pauses (no background collections; see the project file).
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        if (!ReplayInput.TryLoad(path, format, policyPath, target, strict, triagePath, error, out var batch, out var policy, out var triage, out var exitCode))
            return exitCode;
        var result = ReplayRunner.Run(batch.Mentions, policy, batch.Rows, batch.Issues.Count, Environment.ProcessorCount, triage,
            ReplayInput.KeepsText(policy, triage) ? masking : PiiKinds.None, hourly: true);
        try
        {
            File.WriteAllText(htmlPath, HtmlReportWriter.Write(result, Path.GetFileName(path)), new System.Text.UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"socialsla: cannot write '{htmlPath}': {e.Message}");
            return ExitCodes.BadInput;
        }
        output.WriteLine($"Wrote {htmlPath}: {result.Total.CasesOpened:N0} cases from {result.Rows:N0} rows.");
        return ExitCodes.Ok;
    }
}
