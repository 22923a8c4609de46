using System.Text.Json;
using SocialSla.Standalone.Cli;

namespace SocialSla.Standalone.Tests.Support;

/// <summary>Runs the <c>socialsla</c> command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static JsonElement ReplayJson(params string[] args)
    {
        var (exit, output, error) = Run(["replay", .. args, "--json"]);
        Assert.True(exit == 0, $"exit {exit}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
