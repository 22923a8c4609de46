using Microsoft.Extensions.Logging;

namespace SocialSla.Functions;

/// <summary>The app's log messages (EventId bands: 1xxx ingest, 2xxx triage, 3xxx SLA, 4xxx alerts, 5xxx storage).
/// No message text or customer handle at Information or above.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Error, "A {Kind} webhook could not be queued")]
    public static partial void WebhookNotQueued(ILogger logger, Exception exception, string kind);

    [LoggerMessage(1002, LogLevel.Information, "Envelope {MessageId} ({Kind}): {Mentions} mentions, {Applied} applied, {Duplicates} duplicates")]
    public static partial void EnvelopeProcessed(ILogger logger, string messageId, string kind, int mentions, int applied, int duplicates);

    [LoggerMessage(1003, LogLevel.Error, "Envelope {MessageId} ({Kind}) does not decode: {Reason}")]
    public static partial void EnvelopeUndecodable(ILogger logger, string messageId, string kind, string reason);

    [LoggerMessage(1101, LogLevel.Information, "Pull {Source}: {Pages} pages, {Mentions} mentions queued")]
    public static partial void PullSucceeded(ILogger logger, string source, int pages, int mentions);

    [LoggerMessage(1102, LogLevel.Warning, "Pull {Source} failed ({Failures} in a row), next attempt {NextAttempt}: {Error}")]
    public static partial void PullFailed(ILogger logger, string source, int failures, string nextAttempt, string error);

    [LoggerMessage(1103, LogLevel.Warning, "Pull {Source}: another run moved the cursor first; this run's record was not written")]
    public static partial void PullCursorRaced(ILogger logger, string source);

    [LoggerMessage(2001, LogLevel.Warning, "AI Language sentiment failed for {Documents} documents ({Status}); the offline analyser scored them")]
    public static partial void SentimentBatchFailed(ILogger logger, int documents, int status);

    [LoggerMessage(2002, LogLevel.Debug, "AI Language could not score document {Index}: {Code}; the offline analyser scored it")]
    public static partial void SentimentDocumentFailed(ILogger logger, string index, string code);

    [LoggerMessage(4001, LogLevel.Information, "SLA alert {AlertId} delivered to {Sinks} sinks")]
    public static partial void AlertDelivered(ILogger logger, string alertId, int sinks);

    [LoggerMessage(5001, LogLevel.Information, "KPI merge retried {Conflicts} times after ETag conflicts")]
    public static partial void KpiMergeRetried(ILogger logger, int conflicts);

    [LoggerMessage(5002, LogLevel.Warning, "Outbox sweep executed {Runs} runs whose own drain had not confirmed them")]
    public static partial void OutboxSwept(ILogger logger, int runs);
}
