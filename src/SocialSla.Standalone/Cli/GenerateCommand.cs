using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using SocialSla.Standalone.Generate;

namespace SocialSla.Standalone.Cli;

/// <summary><c>socialsla generate</c>: writes realistic synthetic traffic for demos and benchmarks.</summary>
internal static class GenerateCommand
{
    /// <summary>The default start of generated traffic: fixed, so a seed alone reproduces a file.</summary>
    public static readonly Instant DefaultStart = Instant.FromUtc(2026, 1, 5, 0, 0);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var messages = new Option<int>("--messages") { Description = "How many rows to write.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same file.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "twcs (CSV) or jsonl.", DefaultValueFactory = _ => "twcs" };
        format.AcceptOnlyFromAmong("twcs", "jsonl");
        var start = new Option<string?>("--start") { Description = "The first instant of the traffic (ISO-8601, e.g. 2026-01-05T00:00:00Z)." };
        var outPath = new Option<string?>("--out", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("generate", "Write synthetic social-care traffic (several brands, multi-turn threads, heavy-tailed reply delays, duplicates, out-of-order rows).")
        {
            messages, seed, format, start, outPath,
        };
        command.SetAction(parsed => Run(parsed.GetValue(messages), parsed.GetValue(seed), parsed.GetValue(format)!,
            parsed.GetValue(start), parsed.GetValue(outPath), output, error));
        return command;
    }

    private static int Run(int messages, int seed, string format, string? start, string? outPath, TextWriter output, TextWriter error)
    {
        if (messages < 0)
        {
            error.WriteLine("socialsla: --messages must not be negative.");
            return ExitCodes.BadInput;
        }
        var first = DefaultStart;
        if (start is not null)
        {
            var parsedStart = InstantPattern.ExtendedIso.Parse(start);
            if (!parsedStart.Success)
            {
                error.WriteLine($"socialsla: --start '{start}' is not an ISO-8601 instant such as 2026-01-05T00:00:00Z.");
                return ExitCodes.BadInput;
            }
            first = parsedStart.Value;
        }
        GenerateOptions options;
        try
        {
            options = new GenerateOptions(messages, seed, format == "jsonl" ? GenerateFormat.Jsonl : GenerateFormat.Twcs, first);
        }
        catch (ArgumentOutOfRangeException e)
        {
            error.WriteLine($"socialsla: {e.Message.Split(Environment.NewLine)[0]}");
            return ExitCodes.BadInput;
        }
        try
        {
            if (outPath is null)
            {
                TrafficGenerator.Write(output, options);
                output.Flush();
            }
            else
            {
                using var writer = new StreamWriter(outPath, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 16);
                TrafficGenerator.Write(writer, options);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"socialsla: cannot write '{outPath}': {e.Message}");
            return ExitCodes.BadInput;
        }
        return ExitCodes.Ok;
    }
}
