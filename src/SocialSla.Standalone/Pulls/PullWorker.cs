using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Pulls;

namespace SocialSla.Standalone.Pulls;

/// <summary>Polls every pulled source on its own schedule: plans requests with <see cref="PullProtocol"/>, sends them,
/// commits each page's mentions with the cursor that follows it, follows pages, honours retry hints and backs off a
/// failing source without delaying the others.</summary>
/// <remarks>
/// <para>One loop per source, each waiting on the <see cref="TimeProvider"/> until the source is due; a successful run
/// is next due one interval after it started (later if the source asked for that), a failed one as
/// <see cref="PullWorkerOptions.Backoff"/> says. Every source is first due when the worker starts.</para>
/// <para><see cref="Status"/> is safe to read from any thread while the worker runs.</para>
/// </remarks>
public sealed class PullWorker : BackgroundService
{
    private readonly IReadOnlyList<PullJob> _jobs;
    private readonly IPullStore _store;
    private readonly BrandDirectory _brands;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PullWorkerOptions _options;
    private readonly ConcurrentDictionary<string, PullSourceStatus> _status = new(StringComparer.Ordinal);

    /// <summary>Creates a worker.</summary>
    /// <param name="jobs">The sources to poll; names must be unique.</param>
    /// <param name="store">Where mentions and cursors go.</param>
    /// <param name="brands">The configured brand accounts.</param>
    /// <param name="http">The client to send with (owned by the caller, e.g. from <c>IHttpClientFactory</c>).</param>
    /// <param name="time">The clock and timers.</param>
    /// <param name="logger">The logger, or none.</param>
    /// <param name="options">Host settings, or the defaults.</param>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two jobs share a source name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public PullWorker(IEnumerable<PullJob> jobs, IPullStore store, BrandDirectory brands, HttpClient http, TimeProvider time,
        ILogger<PullWorker>? logger = null, PullWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _jobs = [.. jobs];
        _store = store;
        _brands = brands;
        _http = http;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _options = options ?? new PullWorkerOptions();
        _options.Validate();
        var now = Now();
        foreach (var job in _jobs)
            if (!_status.TryAdd(job.Source.Name, new PullSourceStatus(job.Source.Name, null, null, 0, now, 0)))
                throw new ArgumentException($"Two pull sources are named '{job.Source.Name}'.", nameof(jobs));
    }

    /// <summary>The status of every source, in configuration order.</summary>
    public IReadOnlyList<PullSourceStatus> Status => [.. _jobs.Select(j => _status[j.Source.Name])];

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_jobs.Select(job => Task.Run(() => RunSourceAsync(job, stoppingToken), CancellationToken.None)));

    private async Task RunSourceAsync(PullJob job, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wait = _status[job.Source.Name].NextAttempt - Now();
                if (wait > Duration.Zero) await Task.Delay(wait.ToTimeSpan(), _time, ct).ConfigureAwait(false);
                await RunOnceAsync(job, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Runs one poll of a source now (all its pages, up to the per-run limit) and updates its status.</summary>
    /// <returns>The source's status afterwards.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    internal async Task<PullSourceStatus> RunOnceAsync(PullJob job, CancellationToken ct)
    {
        var name = job.Source.Name;
        var started = Now();
        var run = await PollAsync(job, ct).ConfigureAwait(false);
        var before = _status[name];
        var now = Now();
        PullSourceStatus after;
        if (run.Error is null)
        {
            var next = run.Unfinished ? now : started + Duration.FromTimeSpan(job.Interval);
            if (run.RetryAt is { } hint && hint > next) next = hint;
            after = before with { LastSuccess = now, LastError = null, ConsecutiveFailures = 0, NextAttempt = next, MentionsPulled = before.MentionsPulled + run.Mentions };
            Log.PullSucceeded(_logger, name, run.Pages, run.Mentions);
        }
        else
        {
            var failures = before.ConsecutiveFailures + 1;
            var next = _options.Backoff.NextAttempt(failures, run.RetryAt, now, PullSchedule.Seed(name));
            after = before with { LastError = run.Error, ConsecutiveFailures = failures, NextAttempt = next, MentionsPulled = before.MentionsPulled + run.Mentions };
            Log.PullFailed(_logger, name, failures, next.ToString(), run.Error);
        }
        _status[name] = after;
        return after;
    }

    private async Task<PullRun.Outcome> PollAsync(PullJob job, CancellationToken ct)
    {
        var source = job.Source;
        PullCursor? cursor;
        try
        {
            var stored = await _store.LoadCursorAsync(source.Name, ct).ConfigureAwait(false);
            if (!PullCursor.TryParse(stored, out cursor, out var cursorError))
            {
                Log.PullCursorReset(_logger, source.Name, cursorError);
                cursor = PullCursor.Empty;
            }
        }
#pragma warning disable CA1031 // A store failure must not stop the source's loop; it counts as a failed run and backs off.
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return new PullRun.Outcome(PullCursor.Empty, 0, 0, false, null, $"{source.Name}: {ex.GetType().Name} while reading the cursor.");
        }
        // Each page's mentions and the cursor after it are committed in one transaction.
        return await PullRun.RunAsync(source, cursor, _brands, _options.MaxPagesPerRun, Duration.FromTimeSpan(_options.RequestTimeout),
            (plan, token) => SendAsync(plan, job.Credential, token),
            (mentions, after, _, token) => _store.CommitAsync(source.Name, mentions, after.ToJson(), token),
            Now, ct).ConfigureAwait(false);
    }

    private async Task<PullResponse> SendAsync(PullRequestPlan plan, string? credential, CancellationToken ct)
    {
        using var request = PullHttp.CreateRequest(plan, credential);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        return await PullHttp.ReadResponseAsync(response, Now, timeout.Token).ConfigureAwait(false);
    }

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

}
