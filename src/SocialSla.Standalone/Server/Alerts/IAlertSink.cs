namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Somewhere alerts are delivered. Delivery is at least once: a sink may see the same alert id again
/// after a failure or a restart, and receivers dedupe on it.</summary>
internal interface IAlertSink
{
    /// <summary>The name deliveries are recorded under.</summary>
    string Name { get; }

    /// <summary>Delivers one alert (its shared JSON form, see <c>SlaAlertJson</c>).</summary>
    Task<DeliveryResult> DeliverAsync(string alertId, ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken);

    /// <summary>Whether a storm's alerts reach this sink as one grouped incident (people's tools); logs (console, JSONL)
    /// keep every alert.</summary>
    bool GroupsStorms => true;

    /// <summary>Delivers one message of a storm's grouped incident (its shared JSON form, see <c>StormIncidentJson</c>).</summary>
    Task<DeliveryResult> DeliverStormAsync(string messageId, ReadOnlyMemory<byte> stormJson, CancellationToken cancellationToken);

    /// <summary>Acknowledges or resolves an incident the sink opened (PagerDuty); other sinks have nothing to do.</summary>
    Task<DeliveryResult> DeliverLifecycleAsync(string dedupKey, Core.Alerts.PagerDutyAction action, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryResult.Success);
}

/// <summary>The outcome of one delivery attempt.</summary>
/// <param name="Delivered">Whether the receiver took it.</param>
/// <param name="Error">Why not, when not (no secrets, no message text).</param>
/// <param name="RetryAfter">How long the receiver asked us to wait, if it did.</param>
/// <param name="Permanent">The receiver will never take it (e.g. 400, 404): stop retrying.</param>
internal sealed record DeliveryResult(bool Delivered, string? Error = null, TimeSpan? RetryAfter = null, bool Permanent = false)
{
    public static DeliveryResult Success { get; } = new(true);
}
