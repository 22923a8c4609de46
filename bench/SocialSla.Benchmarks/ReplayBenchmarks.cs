using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Engines;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Standalone.Replay;

namespace SocialSla.Benchmarks;

/// <summary>
/// Replay of a generated TWCS file end to end (CSV parsing, dedupe, threading, clocks, alerts, KPIs) against merely
/// parsing the same file, measured in the same run. Messages per second = <see cref="Messages"/> / mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ProductGcConfig))]
public class ReplayBenchmarks
{
    /// <summary>One launch, one warm-up, five measured runs, with the GC settings of <c>socialsla replay</c>
    /// (workstation, conserve memory 9, no background collections: the batch latency mode; see its project file).</summary>
    private sealed class ProductGcConfig : ManualConfig
    {
        public ProductGcConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithEnvironmentVariable("DOTNET_GCConserveMemory", "9"));
    }

    private string _path = "";

    /// <summary>Rows in the generated file.</summary>
    [Params(1_000_000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup() => _path = BenchFile.Twcs(Messages);

    /// <summary>Each iteration starts from a compacted heap, as a fresh <c>socialsla replay</c> process does.</summary>
    [IterationSetup]
    public void CompactHeap() => GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

    /// <summary>Baseline: read the CSV into mentions, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int ParseOnly() => Import().Mentions.Count;

    /// <summary>The whole replay, as <c>socialsla replay FILE --first-reply-target 15m</c> runs it.</summary>
    [Benchmark]
    public long Replay()
    {
        var batch = Import();
        var policy = SlaPolicy.Default.WithReplyTargetOverride(NodaTime.Duration.FromMinutes(15));
        var result = ReplayRunner.Run(batch.Mentions, policy, batch.Rows, batch.Issues.Count);
        return result.Total.CasesOpened;
    }

    /// <summary>The whole replay with triage and masking, as <c>socialsla replay FILE --first-reply-target 15m
    /// --triage t.json</c> runs it with default settings (texts kept, masked, near-duplicates decided first).</summary>
    [Benchmark]
    public long Replay_WithTriage()
    {
        var batch = Import(keepText: true);
        var policy = SlaPolicy.Default.WithReplyTargetOverride(NodaTime.Duration.FromMinutes(15));
        var result = ReplayRunner.Run(batch.Mentions, policy, batch.Rows, batch.Issues.Count, Environment.ProcessorCount,
            SocialSla.Core.Triage.TriageOptions.Default, SocialSla.Core.Privacy.PiiKinds.All);
        return result.Total.CasesOpened;
    }

    private ImportBatch Import(bool keepText = false)
    {
        using var reader = new StreamReader(_path, Encoding.UTF8, true, 1 << 16);
        return TwcsImport.Read(reader, new ImportOptions { KeepText = keepText });
    }
}
