using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Kpis;

/// <summary>What one case adds to the KPI aggregates, as a pure function of its evaluation.</summary>
/// <remarks>When a case changes (a reply, a late out-of-order message, a reopening) the case machine records the
/// difference between the new and the old contribution, so aggregates always equal the sum over cases of their
/// current contribution, and nothing is counted twice. Equality is by value.</remarks>
public sealed record CaseKpiContribution
{
    /// <summary>A case that contributes nothing (not yet opened).</summary>
    public static CaseKpiContribution None { get; } = new();

    /// <summary>Whether the case counts as opened.</summary>
    public bool Opened { get; init; }

    /// <summary>Reopenings so far.</summary>
    public int Reopens { get; init; }

    /// <summary>Whether the case is resolved now.</summary>
    public bool Resolved { get; init; }

    /// <summary>Whether the brand answered at least once.</summary>
    public bool Answered { get; init; }

    /// <summary>The first reply time.</summary>
    public Duration? FirstReply { get; init; }

    /// <summary>The resolution time, once resolved.</summary>
    public Duration? Resolution { get; init; }

    /// <summary>Every response time.</summary>
    public IReadOnlyList<Duration> Responses { get; init; } = Array.Empty<Duration>();

    /// <summary>The contribution of an evaluated case.</summary>
    public static CaseKpiContribution From(in SlaEvaluation evaluation)
    {
        if (evaluation.Status == CaseStatus.NotOpened) return None;
        return new CaseKpiContribution
        {
            Opened = true,
            Reopens = evaluation.Reopens,
            Resolved = evaluation.Status == CaseStatus.Resolved,
            Answered = evaluation.Answered,
            FirstReply = evaluation.FirstReplyTime,
            Resolution = evaluation.ResolutionTime,
            Responses = evaluation.ResponseTimes,
        };
    }

    /// <summary>The contribution of an evaluated case, or <paramref name="previous"/> itself when nothing changed.</summary>
    public static CaseKpiContribution From(in SlaEvaluation evaluation, CaseKpiContribution previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (evaluation.Status == CaseStatus.NotOpened) return previous.Opened ? None : previous;
        var same = previous.Opened && previous.Reopens == evaluation.Reopens
            && previous.Resolved == (evaluation.Status == CaseStatus.Resolved) && previous.Answered == evaluation.Answered
            && previous.FirstReply == evaluation.FirstReplyTime && previous.Resolution == evaluation.ResolutionTime
            && SameResponses(previous.Responses, evaluation.ResponseTimes);
        return same ? previous : From(evaluation);
    }

    /// <inheritdoc/>
    public bool Equals(CaseKpiContribution? other) =>
        other is not null && Opened == other.Opened && Reopens == other.Reopens && Resolved == other.Resolved
        && Answered == other.Answered && FirstReply == other.FirstReply && Resolution == other.Resolution
        && SameResponses(Responses, other.Responses);

    private static bool SameResponses(IReadOnlyList<Duration> a, IReadOnlyList<Duration> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Opened, Reopens, Resolved, Answered, FirstReply, Resolution, Responses.Count);
}
