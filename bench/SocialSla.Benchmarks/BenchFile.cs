using SocialSla.Standalone.Cli;
using SocialSla.Standalone.Generate;

namespace SocialSla.Benchmarks;

/// <summary>The generated input a benchmark reads: made once per size and seed, kept in the temp folder.</summary>
internal static class BenchFile
{
    public static string Twcs(int messages, int seed = 1)
    {
        var path = Environment.GetEnvironmentVariable("SOCIALSLA_BENCH_FILE")
            ?? Path.Combine(Path.GetTempPath(), $"socialsla-bench-{messages}-seed{seed}.csv");
        if (File.Exists(path)) return path;
        var partial = path + ".partial";
        using (var writer = new StreamWriter(partial, append: false, new System.Text.UTF8Encoding(false), 1 << 16))
        {
            TrafficGenerator.Write(writer, new GenerateOptions(messages, seed, GenerateFormat.Twcs, GenerateCommand.DefaultStart));
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
