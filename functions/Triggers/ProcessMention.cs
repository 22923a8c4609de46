using System.Globalization;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Privacy;
using SocialSla.Core.Storage.Tables;
using SocialSla.Core.Triage;
using SocialSla.Functions.Adapters;
using SocialSla.Functions.Orchestrations;

namespace SocialSla.Functions.Triggers;

/// <summary>The <c>mentions</c> queue → Core: decode the envelope (<see cref="Envelopes"/>), score sentiment (AI
/// Language or offline), and run each mention through <see cref="MentionPipeline.Ingest(Core.Mentions.Mention, Instant, SentimentScore?)"/>
/// on the pipeline state in Table storage (<see cref="PipelineTableStore"/>: dedupe, threading, the case machine,
/// committed atomically with the run's outbox); then execute the effects (KPI merges, alerts) and start or signal the
/// case orchestrations.</summary>
/// <remarks>An exception leaves the message to Service Bus: it is redelivered (the pipeline's dedupe makes the rerun a
/// duplicate, and the outbox of the first attempt is executed then) and dead-lettered after the queue's max delivery
/// count. An envelope that does not decode is dead-lettered that way too: its body is kept for inspection.</remarks>
public sealed class ProcessMention(AppSettings settings, PipelineTable pipeline, EffectsRunner effects, LanguageSentiment sentiment, ILogger<ProcessMention> log)
{
    [Function(nameof(ProcessMention))]
    public async Task Run(
        [ServiceBusTrigger("%MentionsQueueName%", Connection = "ServiceBusConnection")] ServiceBusReceivedMessage message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var kind = message.Subject ?? "";
        var source = message.ApplicationProperties.TryGetValue(MentionQueue.SourceProperty, out var s) ? s as string : null;
        var receivedAt = message.ApplicationProperties.TryGetValue(MentionQueue.ReceivedAtProperty, out var r) && r is string text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : message.EnqueuedTime;
        if (!Envelopes.TryDecode(kind, source, message.Body.ToMemory().Span, settings.Brands, settings.GenericAccounts,
                Instant.FromDateTimeOffset(receivedAt), out var batch, out var error))
        {
            Log.EnvelopeUndecodable(log, message.MessageId, kind, error);
            throw new FormatException($"Envelope {message.MessageId} ({kind}) does not decode: {error}");
        }
        // Personal data is masked before the text is scored, stored or put in an alert (as in serve).
        var mentions = batch.Mentions.Select(m => PiiMasker.Mask(m, settings.PiiMasking)).ToList();
        var scores = await sentiment.ScoreAsync(mentions, cancellationToken);
        // One triage per invocation: its near-duplicate memory is per instance (not thread-safe, not shared).
        var triage = settings.Triage is { } options ? new MentionTriage(options) : null;
        var now = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var (applied, duplicates) = (0, 0);
        var runs = new List<(Core.Mentions.Platform, string)>(mentions.Count);
        // The partition is the account's platform, as case ids start with the account (PipelineTableEntity.PlatformOf).
        for (var i = 0; i < mentions.Count; i++)
        {
            var mention = mentions[i];
            var score = scores[i];
            var runKey = mention.IdempotencyKey.ToString();
            var (outcome, _) = await PipelineTableStore.RunAsync(pipeline.Port, mention.Account.Platform, settings.Policy, runKey, state =>
            {
                var result = new MentionPipeline(settings.Policy, state, triage).Ingest(mention, now, score);
                return new PipelineStep<IngestOutcome>(result.Outcome, result.Commands);
            }, cancellationToken: cancellationToken);
            runs.Add((mention.Account.Platform, runKey));
            applied += outcome == IngestOutcome.Applied ? 1 : 0;
            duplicates += outcome == IngestOutcome.Duplicate ? 1 : 0;
        }
        // One drain for the envelope: each KPI entity is merged once per invocation, however many mentions touched it.
        await effects.DrainAsync(pipeline, runs, update => CaseOrchestrator.SignalAsync(client, update, cancellationToken), cancellationToken);
        Log.EnvelopeProcessed(log, message.MessageId, kind, mentions.Count, applied, duplicates);
    }
}
