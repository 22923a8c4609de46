using SocialSla.Core.Import;
using SocialSla.Core.Sla;
using SocialSla.Core.Triage;

namespace SocialSla.Standalone.Cli;

/// <summary>What <c>replay</c> and <c>report</c> read: an export (TWCS CSV or JSONL), the policy to replay it under and
/// the triage settings, if any.</summary>
internal static class ReplayInput
{
    private const int MaxIssuesShown = 20;

    /// <summary>Reads the policy, the triage settings and the export (with the texts when bot markers or triage read
    /// them); on failure writes why to <paramref name="error"/> and gives the exit code (<see cref="ExitCodes.BadInput"/>
    /// or <see cref="ExitCodes.StrictStop"/>).</summary>
    public static bool TryLoad(string path, string? format, string? policyPath, string? target, bool strict, string? triagePath, TextWriter error,
        out ImportBatch batch, out SlaPolicy policy, out TriageOptions? triage, out int exitCode)
    {
        batch = null!;
        exitCode = ExitCodes.Ok;
        policy = SlaPolicy.Default;
        triage = null;
        format ??= Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => "twcs",
            ".jsonl" or ".ndjson" => "jsonl",
            _ => null,
        };
        if (format is null) return Fail(error, $"cannot tell the format of '{path}' from its extension; pass --format twcs or --format jsonl.", out exitCode);
        if (policyPath is not null && !PolicyFile.TryLoad(policyPath, out policy, out var policyError)) return Fail(error, policyError, out exitCode);
        if (target is not null)
        {
            if (!DurationText.TryParse(target, out var duration, out var reason) || duration <= NodaTime.Duration.Zero)
                return Fail(error, $"--first-reply-target: {reason ?? "the target must be positive."}", out exitCode);
            policy = policy.WithReplyTargetOverride(duration);
        }
        if (triagePath is not null && !TriageFile.TryLoad(triagePath, out triage, out var triageError)) return Fail(error, triageError, out exitCode);

        var options = new ImportOptions { Strict = strict, KeepText = KeepsText(policy, triage) };
        try
        {
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            batch = format == "twcs" ? TwcsImport.Read(reader, options) : JsonlImport.Read(reader, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(error, $"cannot read '{path}': {e.Message}", out exitCode);
        }

        foreach (var issue in batch.Issues.Take(MaxIssuesShown)) error.WriteLine($"{path}:{issue.Line}: {issue.Reason}");
        if (batch.Issues.Count > MaxIssuesShown) error.WriteLine($"{path}: … and {batch.Issues.Count - MaxIssuesShown} more malformed rows.");
        if (batch.Stopped)
        {
            error.WriteLine($"socialsla: stopped at the first malformed row (--strict).");
            exitCode = ExitCodes.StrictStop;
            return false;
        }
        return true;
    }

    /// <summary>Whether the replay reads the texts (bot markers or triage), and so masks personal data in them.</summary>
    public static bool KeepsText(SlaPolicy policy, TriageOptions? triage) => policy.BotMarkers.Count > 0 || triage is not null;

    private static bool Fail(TextWriter error, string reason, out int exitCode)
    {
        error.WriteLine($"socialsla: {reason}");
        exitCode = ExitCodes.BadInput;
        return false;
    }
}
