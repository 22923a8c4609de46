using System.CommandLine;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;
using SocialSla.Core.Privacy;
using SocialSla.Core.Sla;
using SocialSla.Core.Triage;
using SocialSla.Standalone.Replay;

namespace SocialSla.Standalone.Cli;

/// <summary><c>socialsla replay FILE</c>: an export through the pipeline on a simulated clock, then the KPI report.</summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The export to replay: TWCS CSV or JSONL mentions." };
        var format = new Option<string?>("--format") { Description = "twcs or jsonl (default: from the file extension: .csv is twcs, .jsonl/.ndjson is jsonl)." };
        format.AcceptOnlyFromAmong("twcs", "jsonl");
        var policy = new Option<string?>("--policy") { Description = "An SLA policy file (JSON; see README)." };
        var target = new Option<string?>("--first-reply-target") { Description = "Sets the first- and next-reply target of every case, e.g. 15m." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the text report." };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first malformed row (exit code 1) instead of skipping it." };
        var stats = new Option<bool>("--stats") { Description = "Also print throughput and peak memory to standard error." };
        var triage = new Option<string?>("--triage") { Description = "Triage customer messages with these settings (a JSON triage object, or a serve configuration with a triage member; see README) and report triage." };
        var maskPii = new Option<string>("--mask-pii") { Description = "on (default) or off: mask e-mail addresses, phone and card numbers in the text before the pipeline reads it, as serve does.", DefaultValueFactory = _ => "on" };
        maskPii.AcceptOnlyFromAmong("on", "off");
        var command = new Command("replay", "Replay an export through the pipeline on a simulated clock and print the KPI report.")
        {
            file, format, policy, target, json, strict, stats, triage, maskPii,
        };
        command.SetAction(parsed => Run(
            parsed.GetValue(file)!, parsed.GetValue(format), parsed.GetValue(policy), parsed.GetValue(target),
            parsed.GetValue(json), parsed.GetValue(strict), parsed.GetValue(stats), parsed.GetValue(triage),
            parsed.GetValue(maskPii) == "on" ? PiiKinds.All : PiiKinds.None, output, error));
        return command;
    }

    private static int Run(string path, string? format, string? policyPath, string? target, bool json, bool strict, bool stats,
        string? triagePath, PiiKinds masking, TextWriter output, TextWriter error)
    {
        // A batch job: throughput and peak memory count, not pauses (no background collections; see the project file).
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (!ReplayInput.TryLoad(path, format, policyPath, target, strict, triagePath, error, out var batch, out var policy, out var triage, out var exitCode))
            return exitCode;

        var readTime = clock.Elapsed;
        var result = ReplayRunner.Run(batch.Mentions, policy, batch.Rows, batch.Issues.Count, Environment.ProcessorCount, triage,
            ReplayInput.KeepsText(policy, triage) ? masking : PiiKinds.None);
        if (stats) WriteStats(error, result, readTime, clock.Elapsed);
        if (json)
        {
            using var buffer = new MemoryStream();
            ReplayReportWriter.WriteJson(buffer, result);
            output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            output.Write(ReplayReportWriter.Text(result));
        }
        output.Flush();
        return ExitCodes.Ok;
    }

    private static void WriteStats(TextWriter error, ReplayResult result, TimeSpan readTime, TimeSpan elapsed)
    {
        var peak = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
        var cases = Math.Max(1, result.Total.CasesOpened);
        error.WriteLine(System.FormattableString.Invariant(
            $"stats: {result.Rows:N0} rows in {elapsed.TotalSeconds:0.00} s (reading {readTime.TotalSeconds:0.00} s) = {result.Rows / Math.Max(elapsed.TotalSeconds, 1e-9):N0} rows/s; peak working set {peak / 1048576.0:N1} MiB = {peak / (double)cases:N0} bytes per case ({result.Total.CasesOpened:N0} cases); GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections, {GC.GetTotalPauseDuration().TotalSeconds:0.00} s paused, {GC.GetTotalAllocatedBytes() / 1048576.0:N0} MiB allocated"));
    }
}
