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
    private readonly long[] _alerts = new long[ClockCount * LevelCount];

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
    public QuantileSketch? FirstReplySketch { get; private set; }

    /// <summary>Responses measured.</summary>
    public long ResponseCount { get; set; }

    /// <summary>Sum of response times, in seconds.</summary>
    public double ResponseSeconds { get; set; }

    /// <summary>Distribution of response times (seconds), created on first use.</summary>
    public QuantileSketch? ResponseSketch { get; private set; }

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
        if (contribution.FirstReply is { } first)
        {
            var seconds = first.TotalSeconds;
            FirstReplyCount += sign;
            FirstReplySeconds += sign * seconds;
            if (first <= Within15m) FirstReplyWithin15m += sign;
            if (first <= Within1h) FirstReplyWithin1h += sign;
            (FirstReplySketch ??= new QuantileSketch()).Add(seconds, sign);
        }
        foreach (var response in contribution.Responses)
        {
            var seconds = response.TotalSeconds;
            ResponseCount += sign;
            ResponseSeconds += sign * seconds;
            (ResponseSketch ??= new QuantileSketch()).Add(seconds, sign);
        }
        if (contribution.Resolution is { } resolution)
        {
            ResolutionCount += sign;
            ResolutionSeconds += sign * resolution.TotalSeconds;
        }
    }

    /// <summary>Adds every value of <paramref name="other"/> to this aggregate.</summary>
    public void Merge(KpiAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Mentions += other.Mentions;
        CustomerMessages += other.CustomerMessages;
        Actionable += other.Actionable;
        BrandMessages += other.BrandMessages;
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
        for (var i = 0; i < _alerts.Length; i++) _alerts[i] += other._alerts[i];
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
