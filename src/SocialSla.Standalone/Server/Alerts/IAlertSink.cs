namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Somewhere alerts are delivered. Delivery is at least once: a sink may see the same alert id again
/// after a failure or a restart, and receivers dedupe on it.</summary>
internal interface IAlertSink
{
    /// <summary>The name deliveries are recorded under.</summary>
    string Name { get; }

    /// <summary>Delivers one alert (its shared JSON form, see <c>SlaAlertJson</c>).</summary>
    Task<DeliveryResult> DeliverAsync(string alertId, ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken);
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
