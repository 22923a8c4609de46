using System.CommandLine;

namespace SocialSla.Standalone.Cli;

/// <summary>The <c>socialsla</c> command line: one root command with a sub-command per feature.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("SocialSla: SLA clocks, alerts and KPIs for social-media customer care.")
        {
            ReplayCommand.Create(output, error),
            ReportCommand.Create(output, error),
            GenerateCommand.Create(output, error),
            ServeCommand.Create(output, error),
            TokenCommand.Create(output),
            EraseCommand.Create(output, error),
            SentimentCommand.Create(output, error),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) error.WriteLine($"socialsla: {problem.Message}");
            error.WriteLine("Run 'socialsla --help' for usage.");
            return ExitCodes.BadInput;
        }
        return parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).GetAwaiter().GetResult();
    }
}
