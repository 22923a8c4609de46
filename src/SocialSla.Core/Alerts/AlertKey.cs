using SocialSla.Core.Sla;

namespace SocialSla.Core.Alerts;

/// <summary>Names one threshold of one clock run within a case; at most one alert is ever raised per key.</summary>
/// <param name="Clock">The clock.</param>
/// <param name="Sequence">The clock run's number within the case.</param>
/// <param name="Level">The threshold.</param>
public readonly record struct AlertKey(ClockKind Clock, int Sequence, ThresholdLevel Level);
