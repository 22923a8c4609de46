using SocialSla.Core.Alerts;

namespace SocialSla.Core.Kpis;

/// <summary>A change to the KPI aggregate of one key: a case's contribution before and after a step, the alerts the
/// step raised, and the messages it counted.</summary>
/// <remarks>Small by design (it refers to contributions rather than copying them): hosts receive one per step and fold
/// it into their aggregates with <see cref="KpiAggregate.Apply"/>. Immutable.</remarks>
public sealed record KpiDelta
{
    /// <summary>The case's contribution before the step (<see cref="CaseKpiContribution.None"/> for none).</summary>
    public CaseKpiContribution Before { get; init; } = CaseKpiContribution.None;

    /// <summary>The case's contribution after the step.</summary>
    public CaseKpiContribution After { get; init; } = CaseKpiContribution.None;

    /// <summary>Alerts the step raised.</summary>
    public ReadOnlyMemory<AlertKey> Alerts { get; init; }

    /// <summary>Messages received (after dedupe).</summary>
    public int Mentions { get; init; }

    /// <summary>Of which from customers.</summary>
    public int CustomerMessages { get; init; }

    /// <summary>Of which actionable customer messages.</summary>
    public int Actionable { get; init; }

    /// <summary>Of which from the brand.</summary>
    public int BrandMessages { get; init; }

    /// <summary>Of the customer messages, those triage called noise (spam, promotions, bots, near-duplicates,
    /// off-brand); they start no clock.</summary>
    public int Noise { get; init; }

    /// <summary>Of the customer messages, those triage read as negative.</summary>
    public int NegativeMessages { get; init; }

    /// <summary>Of the customer messages, those triage read as neutral.</summary>
    public int NeutralMessages { get; init; }

    /// <summary>Of the customer messages, those triage read as positive.</summary>
    public int PositiveMessages { get; init; }
}
