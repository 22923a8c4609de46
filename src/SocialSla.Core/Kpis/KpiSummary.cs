using SocialSla.Core.Sla;

namespace SocialSla.Core.Kpis;

/// <summary>The KPIs a care lead reads, computed from an aggregate (design §3 "KPIs").</summary>
/// <remarks>Means and shares are <see langword="null"/> when nothing was measured; percentiles are nearest-rank
/// answers of the sketch (relative error ≤ 0.5 %).</remarks>
public sealed record KpiSummary
{
    /// <summary>Cases opened.</summary>
    public required long Cases { get; init; }

    /// <summary>Cases with at least one brand reply.</summary>
    public required long Answered { get; init; }

    /// <summary>Answered cases / cases.</summary>
    public double? ResponseRate { get; init; }

    /// <summary>First replies measured.</summary>
    public required long FirstReplyCount { get; init; }

    /// <summary>Mean first reply time, seconds.</summary>
    public double? FirstReplyMeanSeconds { get; init; }

    /// <summary>Median first reply time, seconds.</summary>
    public double? FirstReplyP50Seconds { get; init; }

    /// <summary>90th percentile first reply time, seconds.</summary>
    public double? FirstReplyP90Seconds { get; init; }

    /// <summary>95th percentile first reply time, seconds.</summary>
    public double? FirstReplyP95Seconds { get; init; }

    /// <summary>Share of first replies within 15 minutes.</summary>
    public double? FirstReplyWithin15m { get; init; }

    /// <summary>Share of first replies within one hour.</summary>
    public double? FirstReplyWithin1h { get; init; }

    /// <summary>Responses measured.</summary>
    public required long ResponseCount { get; init; }

    /// <summary>Mean response time, seconds.</summary>
    public double? ResponseMeanSeconds { get; init; }

    /// <summary>Resolutions measured.</summary>
    public required long ResolutionCount { get; init; }

    /// <summary>Mean resolution time, seconds.</summary>
    public double? ResolutionMeanSeconds { get; init; }

    /// <summary>Whether the 7-day "very responsive" bar is met: response rate ≥ 90 % and mean first reply ≤ 15 minutes.</summary>
    /// <remarks>Meaningful when the aggregate covers the last seven days.</remarks>
    public bool VeryResponsive => ResponseRate >= 0.9 && FirstReplyMeanSeconds <= KpiAggregate.Within15m.TotalSeconds;

    /// <summary>The aggregate the summary was computed from.</summary>
    public required KpiAggregate Aggregate { get; init; }

    /// <summary>Alerts raised for a clock at a level.</summary>
    public long Alerts(ClockKind clock, ThresholdLevel level) => Aggregate.AlertCount(clock, level);

    /// <summary>Summarises an aggregate.</summary>
    public static KpiSummary Of(KpiAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var first = aggregate.FirstReplyCount;
        return new KpiSummary
        {
            Aggregate = aggregate,
            Cases = aggregate.CasesOpened,
            Answered = aggregate.CasesAnswered,
            ResponseRate = Ratio(aggregate.CasesAnswered, aggregate.CasesOpened),
            FirstReplyCount = first,
            FirstReplyMeanSeconds = first > 0 ? aggregate.FirstReplySeconds / first : null,
            FirstReplyP50Seconds = aggregate.FirstReplySketch?.Quantile(0.5),
            FirstReplyP90Seconds = aggregate.FirstReplySketch?.Quantile(0.9),
            FirstReplyP95Seconds = aggregate.FirstReplySketch?.Quantile(0.95),
            FirstReplyWithin15m = Ratio(aggregate.FirstReplyWithin15m, first),
            FirstReplyWithin1h = Ratio(aggregate.FirstReplyWithin1h, first),
            ResponseCount = aggregate.ResponseCount,
            ResponseMeanSeconds = aggregate.ResponseCount > 0 ? aggregate.ResponseSeconds / aggregate.ResponseCount : null,
            ResolutionCount = aggregate.ResolutionCount,
            ResolutionMeanSeconds = aggregate.ResolutionCount > 0 ? aggregate.ResolutionSeconds / aggregate.ResolutionCount : null,
        };
    }

    private static double? Ratio(long part, long whole) => whole > 0 ? (double)part / whole : null;
}
