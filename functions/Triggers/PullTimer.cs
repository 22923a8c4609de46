using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;
using SocialSla.Core.Pulls;
using SocialSla.Core.Storage.Tables;
using SocialSla.Functions.Adapters;

namespace SocialSla.Functions.Triggers;

/// <summary>Every minute: each configured pulled source that is due (<see cref="PullSchedule"/>, its record in the
/// <c>cursors</c> table) is read since its cursor with Core's <see cref="PullProtocol"/> (plan the request, parse the
/// answer), its mentions are sent to the <c>mentions</c> queue (MessageId = the mention's idempotency key), and its
/// record is written back with the ETag read. The Standalone pull worker's flow
/// (src/SocialSla.Standalone/Pulls/PullWorker.cs), one run per timer tick instead of one loop per source.</summary>
/// <remarks>
/// <para>The cursor moves only after the run's mentions were sent; a run that dies in between sends them again next
/// time, and duplicate detection (queue) and the pipeline's dedupe drop the repeats. Two overlapping runs of one
/// source cannot both move its cursor: the second write meets another ETag and is skipped.</para>
/// <para>The timer's schedule is a six-field NCRONTAB expression (the TimeSpan form works on App Service plans only,
/// not on Flex Consumption).</para>
/// </remarks>
public sealed class PullTimer(AppSettings settings, CursorTable cursors, MentionQueue queue, IHttpClientFactory http, ILogger<PullTimer> log)
{
    [Function(nameof(PullTimer))]
    public async Task Run([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var pull in settings.Pulls)
        {
            var address = PullCursorTableEntity.AddressOf(pull.Source.Name);
            var stored = await cursors.Port.GetAsync(address.PartitionKey, address.RowKey, cancellationToken);
            var before = PullCursorTableEntity.ToRecord(stored?.Properties);
            var started = Now();
            if (!PullSchedule.IsDue(before, started)) continue;
            var run = await PollAsync(pull, before.Cursor, cancellationToken);
            var after = run.Error is null
                ? PullSchedule.Succeeded(before, run.Cursor, started, Now(), Duration.FromTimeSpan(pull.Interval), run.RetryAt, run.Unfinished)
                : PullSchedule.Failed(before, run.Cursor, pull.Source.Name, run.Error, Now(), run.RetryAt, settings.PullBackoff);
            var properties = PullCursorTableEntity.ToProperties(pull.Source.Name, after);
            var written = stored is null
                ? await cursors.Port.InsertAsync(address.PartitionKey, address.RowKey, properties, cancellationToken)
                : await cursors.Port.ReplaceAsync(address.PartitionKey, address.RowKey, properties, stored.ETag!, cancellationToken);
            if (written == TableWriteOutcome.Conflict) Log.PullCursorRaced(log, pull.Source.Name);
            else if (run.Error is null) Log.PullSucceeded(log, pull.Source.Name, run.Pages, run.Mentions);
            else Log.PullFailed(log, pull.Source.Name, after.ConsecutiveFailures, after.NextAttempt?.ToString() ?? "now", run.Error);
        }
    }

    private Task<PullRun.Outcome> PollAsync(AppSettings.PullSetting pull, PullCursor cursor, CancellationToken cancellationToken) =>
        PullRun.RunAsync(pull.Source, cursor, settings.Brands, settings.MaxPagesPerRun, Duration.FromTimeSpan(settings.PullRequestTimeout),
            (plan, ct) => SendAsync(plan, pull.Credential, ct),
            // The cursor is written once the run is over (with the schedule, under the ETag read).
            (mentions, _, receivedAt, ct) => queue.SendMentionsAsync(pull.Source.Name, mentions, receivedAt.ToDateTimeOffset(), ct),
            Now, cancellationToken);

    private async Task<PullResponse> SendAsync(PullRequestPlan plan, string? credential, CancellationToken cancellationToken)
    {
        using var request = PullHttp.CreateRequest(plan, credential);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PullRequestTimeout);
        using var response = await http.CreateClient(nameof(PullTimer)).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return await PullHttp.ReadResponseAsync(response, Now, timeout.Token);
    }

    private static Instant Now() => Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
}
