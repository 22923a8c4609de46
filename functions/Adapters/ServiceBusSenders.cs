using Azure.Messaging.ServiceBus;

namespace SocialSla.Functions.Adapters;

/// <summary>The sender of the <c>mentions</c> queue. A ServiceBusSender, not the ServiceBusOutput binding: only the
/// sender can set <see cref="ServiceBusMessage.MessageId"/>, which the queue's duplicate detection keys on.</summary>
public sealed class MentionQueue(ServiceBusSender sender)
{
    public Task SendAsync(string messageId, string kind, string source, DateTimeOffset receivedAt, byte[] body, CancellationToken cancellationToken)
    {
        var message = new ServiceBusMessage(body) { MessageId = messageId, Subject = kind, ContentType = "application/octet-stream" };
        message.ApplicationProperties["source"] = source;
        message.ApplicationProperties["receivedAt"] = receivedAt.ToString("O");
        return sender.SendMessageAsync(message, cancellationToken);
    }
}

/// <summary>The sender of the <c>sla-alerts</c> topic; MessageId = the alert id, so a replayed activity publishes once.</summary>
public sealed class AlertTopic(ServiceBusSender sender)
{
    public Task PublishAsync(string alertId, string alertJson, CancellationToken cancellationToken) =>
        sender.SendMessageAsync(new ServiceBusMessage(alertJson) { MessageId = alertId, ContentType = "application/json", Subject = "sla-alert" }, cancellationToken);
}
