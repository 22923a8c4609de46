using NodaTime;
using SocialSla.Core.Cases;

namespace SocialSla.Core.Pipeline;

/// <summary>What a host's timer for one case must do after a run: wake at <paramref name="WakeAt"/>, or stop because
/// the case closed for good.</summary>
/// <param name="Case">The case.</param>
/// <param name="WakeAt">The last wake-up the run requested for the case; <see langword="null"/> when it requested none.</param>
/// <param name="Closed">Whether the case closed for good (its timer ends; <paramref name="WakeAt"/> is then ignored).</param>
public readonly record struct CaseClockUpdate(CaseId Case, Instant? WakeAt, bool Closed)
{
    /// <summary>Whether a timer must run for the case: a wake-up was requested and the case did not close. A host
    /// starts a case's timer only then; a running timer is told about every update.</summary>
    public bool NeedsTimer => !Closed && WakeAt is not null;
}
