using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using SocialSla.Core.Triage;

namespace SocialSla.Benchmarks;

/// <summary>
/// The offline sentiment analyser on the shared labelled dev file (<c>../shared/data/airline-sentiment-dev.csv</c>),
/// one thread. The time is per document (<c>OperationsPerInvoke</c>): documents per second = 1 s / mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SentimentConfig))]
public class SentimentBenchmarks
{
    private sealed class SentimentConfig : ManualConfig
    {
        public SentimentConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Throughput)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithGcServer(false)
            .WithGcConcurrent(false));
    }

    /// <summary>The number of documents in the dev file (checked at setup).</summary>
    private const int Documents = 6_746;
    private string[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        using var reader = new StreamReader(SharedFile("airline-sentiment-dev.csv"));
        if (!LabelledTextReader.TryRead(reader, out var documents, out _, out var error)) throw new InvalidOperationException(error);
        if (documents.Count != Documents) throw new InvalidOperationException($"expected {Documents} documents, found {documents.Count}.");
        _texts = documents.Select(d => d.Text).ToArray();
    }

    /// <summary>Scores every document of the file once.</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public float Analyze()
    {
        var sum = 0f;
        foreach (var text in _texts) sum += SentimentAnalyzer.Analyze(text).Score;
        return sum;
    }

    private static string SharedFile(string name)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SOCIALSLA_SHARED_DATA");
        if (fromEnvironment is not null) return Path.Combine(fromEnvironment, name);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"shared/data/{name} was not found beside any parent of {AppContext.BaseDirectory}; set SOCIALSLA_SHARED_DATA.");
    }
}
