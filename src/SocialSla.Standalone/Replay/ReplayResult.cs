using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;

namespace SocialSla.Standalone.Replay;

/// <summary>What a replay produced: KPIs overall and per brand account, and what happened to the input.</summary>
/// <param name="Total">All KPIs merged.</param>
/// <param name="ByAccount">KPIs per brand account.</param>
/// <param name="Rows">Data rows read from the file.</param>
/// <param name="Skipped">Rows skipped as malformed.</param>
/// <param name="Duplicates">Rows that repeated a delivery already seen.</param>
/// <param name="Alerts">Alerts raised.</param>
/// <param name="Triage">Triage's verdicts, when the replay triaged (<c>--triage</c>).</param>
/// <param name="ByHour">KPIs per (account, channel, priority, hour), when the replay was asked to keep them.</param>
/// <param name="Spikes">The spike alerts raised on the simulated clock and each stream's baseline at the end.</param>
public sealed record ReplayResult(
    KpiAggregate Total,
    IReadOnlyDictionary<PlatformAccountId, KpiAggregate> ByAccount,
    long Rows,
    long Skipped,
    long Duplicates,
    long Alerts,
    Core.Triage.TriageTally? Triage = null,
    IReadOnlyDictionary<KpiKey, KpiAggregate>? ByHour = null,
    ReplaySpikes? Spikes = null)
{
    /// <summary>KPIs per routing queue (with triage; <see langword="null"/> when no value had a queue).</summary>
    public IReadOnlyDictionary<string, KpiAggregate>? ByQueue { get; init; }

    /// <summary>KPIs per routing tag (a case or message with several tags counts under each; <see langword="null"/>
    /// when nothing was tagged).</summary>
    public IReadOnlyDictionary<string, KpiAggregate>? ByTag { get; init; }
}
