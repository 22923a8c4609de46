using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Triage;

namespace SocialSla.Benchmarks;

/// <summary>
/// Triage cost per message: a replay-like loop (every mention of a generated TWCS file, with its text, through the
/// pipeline at its own creation instant) with and without <see cref="MentionTriage.Apply(Mention, TriageContext)"/>
/// in front, measured in the same run; plus triage alone. Times are per message (<c>OperationsPerInvoke</c>), so
/// <c>Ingest_WithTriage − Ingest</c> is the triage cost per message.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TriageConfig))]
public class TriageBenchmarks
{
    /// <summary>One launch, one warm-up, five measured runs, workstation non-concurrent GC as the product runs.</summary>
    private sealed class TriageConfig : ManualConfig
    {
        public TriageConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithGcServer(false)
            .WithGcConcurrent(false));
    }

    private const int Count = 200_000;
    private Mention[] _mentions = [];
    private MentionPipeline _pipeline = null!;
    private MentionTriage _triage = null!;
    private readonly SlaPolicy _policy = SlaPolicy.Default.WithReplyTargetOverride(NodaTime.Duration.FromMinutes(15));

    [GlobalSetup]
    public void Setup()
    {
        using var reader = new StreamReader(BenchFile.Twcs(Count), Encoding.UTF8, true, 1 << 16);
        _mentions = [.. TwcsImport.Read(reader, new ImportOptions { KeepText = true }).Mentions];
    }

    /// <summary>A fresh pipeline state and triage (empty near-duplicate memory) per iteration.</summary>
    [IterationSetup]
    public void Fresh()
    {
        _pipeline = new MentionPipeline(_policy, new InMemoryPipelineState());
        _triage = new MentionTriage(TriageOptions.Default);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>Baseline: replay as <c>socialsla replay</c> runs it (one worker, personal data masked), without triage.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public long Replay() =>
        SocialSla.Standalone.Replay.ReplayRunner.Run(_mentions, _policy, Count, 0, 1, null, SocialSla.Core.Privacy.PiiKinds.All).Alerts;

    /// <summary>The same replay with triage (<c>--triage</c>): the near-duplicate pass over the whole input, then
    /// the pipeline triaging each customer message and recording routing, noise and sentiment. The difference to
    /// <see cref="Replay"/> is what triage adds to replay per message (issue 5: at most 2 µs).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public long Replay_WithTriage() =>
        SocialSla.Standalone.Replay.ReplayRunner.Run(_mentions, _policy, Count, 0, 1, TriageOptions.Default, SocialSla.Core.Privacy.PiiKinds.All).Alerts;

    /// <summary>The pipeline alone, no masking.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int Ingest()
    {
        var cases = 0;
        foreach (var m in _mentions) cases += _pipeline.Ingest(m, m.CreatedAt).Commands.Count;
        return cases;
    }

    /// <summary>Triage in front of the pipeline, as a host would run it.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int Ingest_WithTriage()
    {
        var cases = 0;
        foreach (var m in _mentions) cases += _pipeline.Ingest(_triage.Apply(m, default), m.CreatedAt).Commands.Count;
        return cases;
    }

    private static Mention Mask(Mention mention) => SocialSla.Core.Privacy.PiiMasker.Mask(mention, SocialSla.Core.Privacy.PiiKinds.All);

    /// <summary>Personal-data masking alone, every mention.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int MaskOnly()
    {
        var changed = 0;
        foreach (var m in _mentions) changed += ReferenceEquals(Mask(m), m) ? 0 : 1;
        return changed;
    }

    /// <summary>Triage alone, every mention (brand replies return at once).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int TriageOnly()
    {
        var actionable = 0;
        foreach (var m in _mentions) actionable += _triage.Assess(m, default).Actionable ? 1 : 0;
        return actionable;
    }
}
