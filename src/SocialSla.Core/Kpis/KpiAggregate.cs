using NodaTime;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Kpis;

/// <summary>Mergeable KPI values for one <see cref="KpiKey"/> (or any merge of keys): sums, counts and sketches.</summary>
/// <remarks>
/// <para>A delta is an aggregate too: its values may be negative (a retracted contribution). Merging is
/// commutative and associative, so partial aggregates from many hosts combine in any order.</para>
/// <para>Times are seconds of business time. Not thread-safe.</para>
/// </remarks>
public sealed class KpiAggregate
{
    private const int ClockCount = 4;
    private const int LevelCount = 4;
    private AlertCounters _alerts;

    [System.Runtime.CompilerServices.InlineArray(ClockCount * LevelCount)]
    private struct AlertCounters
    {
        private long _first;
    }

    /// <summary>The share-within-target bounds: 15 minutes.</summary>
    public static readonly Duration Within15m = Duration.FromMinutes(15);

    /// <summary>The share-within-target bounds: one hour.</summary>
    public static readonly Duration Within1h = Duration.FromHours(1);

    /// <summary>Messages received (customers and brand), after dedupe.</summary>
    public long Mentions { get; set; }

    /// <summary>Customer messages received.</summary>
    public long CustomerMessages { get; set; }

    /// <summary>Customer messages triage judged actionable.</summary>
    public long Actionable { get; set; }

    /// <summary>Brand messages received (replies, echoes, automated).</summary>
    public long BrandMessages { get; set; }

    /// <summary>Customer messages triage called noise (counted here; they start no clock).</summary>
    public long Noise { get; set; }

    /// <summary>Customer messages triage read as negative.</summary>
    public long NegativeMessages { get; set; }

    /// <summary>Customer messages triage read as neutral.</summary>
    public long NeutralMessages { get; set; }

    /// <summary>Customer messages triage read as positive (the rest of the triaged ones are in a language the
    /// analyser does not know, or untriaged).</summary>
    public long PositiveMessages { get; set; }

    /// <summary>Cases opened.</summary>
    public long CasesOpened { get; set; }

    /// <summary>Reopenings.</summary>
    public long CasesReopened { get; set; }

    /// <summary>Cases resolved (currently).</summary>
    public long CasesResolved { get; set; }

    /// <summary>Cases with at least one brand reply.</summary>
    public long CasesAnswered { get; set; }

    /// <summary>First replies measured.</summary>
    public long FirstReplyCount { get; set; }

    /// <summary>Sum of first reply times, in seconds.</summary>
    public double FirstReplySeconds { get; set; }

    /// <summary>First replies within 15 minutes (inclusive).</summary>
    public long FirstReplyWithin15m { get; set; }

    /// <summary>First replies within one hour (inclusive).</summary>
    public long FirstReplyWithin1h { get; set; }

    /// <summary>Distribution of first reply times (seconds), created on first use.</summary>
    public QuantileSketch? FirstReplySketch { get; internal set; }

    /// <summary>Responses measured.</summary>
    public long ResponseCount { get; set; }

    /// <summary>Sum of response times, in seconds.</summary>
    public double ResponseSeconds { get; set; }

    /// <summary>Distribution of response times (seconds), created on first use.</summary>
    public QuantileSketch? ResponseSketch { get; internal set; }

    /// <summary>Resolutions measured.</summary>
    public long ResolutionCount { get; set; }

    /// <summary>Sum of resolution times, in seconds.</summary>
    public double ResolutionSeconds { get; set; }

    /// <summary>Alerts raised for a clock at a threshold level.</summary>
    public long AlertCount(ClockKind clock, ThresholdLevel level) => _alerts[AlertSlot(clock, level)];

    /// <summary>Adds <paramref name="count"/> to the alerts raised for a clock at a level.</summary>
    public void AddAlerts(ClockKind clock, ThresholdLevel level, long count) => _alerts[AlertSlot(clock, level)] += count;

    /// <summary>Adds (<paramref name="sign"/> = 1) or retracts (−1) one case's contribution.</summary>
    public void Add(CaseKpiContribution contribution, int sign)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        if (!contribution.Opened) return;
        CasesOpened += sign;
        CasesReopened += sign * contribution.Reopens;
        if (contribution.Resolved) CasesResolved += sign;
        if (contribution.Answered) CasesAnswered += sign;
        AddFirstReply(contribution.FirstReply, sign);
        for (var i = 0; i < contribution.Responses.Count; i++) AddResponse(contribution.Responses[i], sign);
        AddResolution(contribution.Resolution, sign);
    }

    private void AddFirstReply(Duration? value, int sign)
    {
        if (value is not { } first) return;
        var seconds = first.TotalSeconds;
        FirstReplyCount += sign;
        FirstReplySeconds += sign * seconds;
        if (first <= Within15m) FirstReplyWithin15m += sign;
        if (first <= Within1h) FirstReplyWithin1h += sign;
        (FirstReplySketch ??= new QuantileSketch()).Add(seconds, sign);
    }

    private void AddResponse(Duration response, int sign)
    {
        var seconds = response.TotalSeconds;
        ResponseCount += sign;
        ResponseSeconds += sign * seconds;
        (ResponseSketch ??= new QuantileSketch()).Add(seconds, sign);
    }

    private void AddResolution(Duration? value, int sign)
    {
        if (value is not { } resolution) return;
        ResolutionCount += sign;
        ResolutionSeconds += sign * resolution.TotalSeconds;
    }

    /// <summary>Adds the difference between two contributions of one case: what <paramref name="after"/> has that
    /// <paramref name="before"/> had not, less what it lost. Equal to retracting <paramref name="before"/> and adding
    /// <paramref name="after"/>, but leaves the sketches untouched where a value did not change.</summary>
    public void AddChange(CaseKpiContribution before, CaseKpiContribution after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Opened != after.Opened)
        {
            Add(before, -1);
            Add(after, +1);
            return;
        }
        if (!after.Opened) return;
        CasesReopened += after.Reopens - before.Reopens;
        CasesResolved += (after.Resolved ? 1 : 0) - (before.Resolved ? 1 : 0);
        CasesAnswered += (after.Answered ? 1 : 0) - (before.Answered ? 1 : 0);
        if (before.FirstReply != after.FirstReply)
        {
            AddFirstReply(before.FirstReply, -1);
            AddFirstReply(after.FirstReply, +1);
        }
        var common = 0;
        var old = before.Responses;
        var now = after.Responses;
        while (common < old.Count && common < now.Count && old[common] == now[common]) common++;
        for (var i = common; i < old.Count; i++) AddResponse(old[i], -1);
        for (var i = common; i < now.Count; i++) AddResponse(now[i], +1);
        if (before.Resolution != after.Resolution)
        {
            AddResolution(before.Resolution, -1);
            AddResolution(after.Resolution, +1);
        }
    }

    /// <summary>Folds a delta into this aggregate.</summary>
    public void Apply(KpiDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Mentions += delta.Mentions;
        CustomerMessages += delta.CustomerMessages;
        Actionable += delta.Actionable;
        BrandMessages += delta.BrandMessages;
        Noise += delta.Noise;
        NegativeMessages += delta.NegativeMessages;
        NeutralMessages += delta.NeutralMessages;
        PositiveMessages += delta.PositiveMessages;
        if (!ReferenceEquals(delta.Before, delta.After)) AddChange(delta.Before, delta.After);
        foreach (var alert in delta.Alerts.Span) AddAlerts(alert.Clock, alert.Level, 1);
    }

    /// <summary>Adds every value of <paramref name="other"/> to this aggregate.</summary>
    public void Merge(KpiAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Mentions += other.Mentions;
        CustomerMessages += other.CustomerMessages;
        Actionable += other.Actionable;
        BrandMessages += other.BrandMessages;
        Noise += other.Noise;
        NegativeMessages += other.NegativeMessages;
        NeutralMessages += other.NeutralMessages;
        PositiveMessages += other.PositiveMessages;
        CasesOpened += other.CasesOpened;
        CasesReopened += other.CasesReopened;
        CasesResolved += other.CasesResolved;
        CasesAnswered += other.CasesAnswered;
        FirstReplyCount += other.FirstReplyCount;
        FirstReplySeconds += other.FirstReplySeconds;
        FirstReplyWithin15m += other.FirstReplyWithin15m;
        FirstReplyWithin1h += other.FirstReplyWithin1h;
        if (other.FirstReplySketch is { } firstSketch) (FirstReplySketch ??= new QuantileSketch()).Merge(firstSketch);
        ResponseCount += other.ResponseCount;
        ResponseSeconds += other.ResponseSeconds;
        if (other.ResponseSketch is { } responseSketch) (ResponseSketch ??= new QuantileSketch()).Merge(responseSketch);
        ResolutionCount += other.ResolutionCount;
        ResolutionSeconds += other.ResolutionSeconds;
        for (var i = 0; i < ClockCount * LevelCount; i++) _alerts[i] += other._alerts[i];
    }

    private static int AlertSlot(ClockKind clock, ThresholdLevel level)
    {
        var c = (int)clock - 1;
        var l = (int)level - 1;
        if ((uint)c >= ClockCount) throw new ArgumentOutOfRangeException(nameof(clock), clock, "Not a defined clock.");
        if ((uint)l >= LevelCount) throw new ArgumentOutOfRangeException(nameof(level), level, "Not a defined level.");
        return c * LevelCount + l;
    }
}
