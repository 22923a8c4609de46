using Azure.Messaging.ServiceBus;
using SocialSla.Core.Import;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Functions.Adapters;

/// <summary>The sender of the <c>mentions</c> queue. A ServiceBusSender, not the ServiceBusOutput binding: only the
/// sender can set <see cref="ServiceBusMessage.MessageId"/>, which the queue's duplicate detection keys on.</summary>
/// <remarks>Every message carries its envelope kind as <see cref="ServiceBusMessage.Subject"/> (<see cref="Envelopes"/>),
/// the configured source as the <c>source</c> property and the receipt time as <c>receivedAt</c> (ISO 8601), which
/// ProcessMention reads back.</remarks>
public sealed class MentionQueue(ServiceBusSender sender)
{
    /// <summary>The application property naming a generic webhook's configured source.</summary>
    public const string SourceProperty = "source";

    /// <summary>The application property with the receipt time (round-trip "O" format).</summary>
    public const string ReceivedAtProperty = "receivedAt";

    public Task SendAsync(string messageId, string kind, string source, DateTimeOffset receivedAt, byte[] body, CancellationToken cancellationToken) =>
        sender.SendMessageAsync(Message(messageId, kind, source, receivedAt, body), cancellationToken);

    /// <summary>Sends pulled mentions, one message each (a JSONL line, kind <see cref="Envelopes.Mentions"/>), with
    /// MessageId = the mention's idempotency key, so a page read twice is dropped by duplicate detection. As many
    /// batches as the namespace's batch size needs (a page of long posts does not fit one).</summary>
    /// <exception cref="InvalidOperationException">One mention alone is larger than a message may be.</exception>
    public async Task SendMentionsAsync(string source, IReadOnlyList<Mention> mentions, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var next = 0;
        while (next < mentions.Count)
        {
            using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
            while (next < mentions.Count && batch.TryAddMessage(MentionMessage(source, mentions[next], receivedAt))) next++;
            if (batch.Count == 0)
                throw new InvalidOperationException($"The mention {mentions[next].IdempotencyKey} from {source} is larger than one Service Bus message may be.");
            await sender.SendMessagesAsync(batch, cancellationToken);
        }
    }

    private static ServiceBusMessage MentionMessage(string source, Mention mention, DateTimeOffset receivedAt) =>
        Message(MessageIds.Fit("m:" + mention.IdempotencyKey), Envelopes.Mentions, source, receivedAt, JsonlMentionWriter.ToUtf8(mention));

    private static ServiceBusMessage Message(string messageId, string kind, string source, DateTimeOffset receivedAt, byte[] body)
    {
        var message = new ServiceBusMessage(body) { MessageId = messageId, Subject = kind, ContentType = "application/octet-stream" };
        message.ApplicationProperties[SourceProperty] = source;
        message.ApplicationProperties[ReceivedAtProperty] = receivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return message;
    }
}

/// <summary>The sender of the <c>sla-alerts</c> topic; MessageId = the alert id, so a re-executed outbox publishes once
/// (inside the topic's duplicate detection window).</summary>
public sealed class AlertTopic(ServiceBusSender sender)
{
    public Task PublishAsync(string alertId, string alertJson, CancellationToken cancellationToken) =>
        sender.SendMessageAsync(new ServiceBusMessage(alertJson) { MessageId = alertId, ContentType = "application/json", Subject = "sla-alert" }, cancellationToken);
}
