using Microsoft.Extensions.Logging;

namespace SocialSla.Standalone;

/// <summary>The host's log messages (EventId bands: 1xxx ingest, 2xxx triage, 3xxx SLA, 4xxx alerts, 5xxx storage); pulls use 1100–1199.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Pulled {Source}: {Pages} page(s), {Mentions} mention(s)")]
    public static partial void PullSucceeded(ILogger logger, string source, int pages, int mentions);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Pull of {Source} failed ({Failures} in a row), next attempt at {NextAttempt}: {Error}")]
    public static partial void PullFailed(ILogger logger, string source, int failures, string nextAttempt, string error);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "The stored cursor of {Source} is unreadable and is reset: {Error}")]
    public static partial void PullCursorReset(ILogger logger, string source, string error);
}
