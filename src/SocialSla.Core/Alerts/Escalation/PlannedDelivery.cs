using NodaTime;

namespace SocialSla.Core.Alerts.Escalation;

/// <summary>One delivery of an alert to one sink.</summary>
/// <param name="Sink">The sink's name.</param>
/// <param name="NotBefore">When it may go: the raising instant, an escalation's due instant, or the end of quiet hours.</param>
/// <param name="UnlessAcknowledged">An escalation: dropped if the alert was acknowledged (or its case resolved) by then.</param>
public readonly record struct PlannedDelivery(string Sink, Instant NotBefore, bool UnlessAcknowledged);
