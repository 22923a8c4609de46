using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using SocialSla.Core.Delivery;
using SocialSla.Core.Health;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Delivers alerts from the outbox (the <c>deliveries</c> table, written in the same transaction that raised
/// the alert) to every sink: at least once, retried with exponential backoff and jitter (a receiver's
/// <c>Retry-After</c> wins when longer), marked failed after <see cref="MaxAttempts"/>.</summary>
/// <remarks>Each sink has a lane of its own (a loop over its own pending deliveries): a receiver that hangs until its
/// timeout holds back only its own deliveries, never another sink's.</remarks>
internal sealed class AlertDispatcher : BackgroundService
{
    public const int MaxAttempts = 10;

    /// <summary>2 s, doubling to at most 10 minutes, each delay shortened by up to half at random.</summary>
    private static readonly RetryBackoff Backoff = new(Duration.FromSeconds(2), Duration.FromMinutes(10), 0.5);
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertDispatcher> _log;
    private readonly List<Lane> _lanes = [];
    private long _delivered;
    private long _failedAttempts;

    /// <summary>One sink's loop: its wake-up signal and how its deliveries are going.</summary>
    private sealed class Lane(string name, IAlertSink? sink, TimeSpan timeout)
    {
        public string Name { get; } = name;

        /// <summary>The sink, or none for the lane that fails deliveries to sinks no longer configured.</summary>
        public IAlertSink? Sink { get; } = sink;

        public TimeSpan Timeout { get; } = timeout;

        public Channel<byte> Signal { get; } = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        public WriteHealth Health = WriteHealth.Ok;
    }

    private readonly Observability.ServerMetrics _metrics;

    public AlertDispatcher(SqliteDatabase database, IEnumerable<IAlertSink> sinks, ServerSettings settings, TimeProvider time, Observability.ServerMetrics metrics, ILogger<AlertDispatcher> log)
    {
        _metrics = metrics;
        _database = database;
        _time = time;
        _log = log;
        var timeouts = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        for (var i = 0; i < settings.Sinks.Count && i < settings.AlertRoutes.Count; i++)
            timeouts[settings.AlertRoutes[i].Sink] = TimeSpan.FromSeconds(settings.Sinks[i].TimeoutSeconds);
        foreach (var sink in sinks) _lanes.Add(new Lane(sink.Name, sink, timeouts.GetValueOrDefault(sink.Name, DefaultTimeout)));
        _configured = [.. _lanes.Select(lane => lane.Name)];
        _lanes.Add(new Lane("", null, DefaultTimeout));
    }

    private readonly string[] _configured;

    /// <summary>Deliveries that succeeded since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Delivery attempts that failed since start.</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>How each configured sink's attempts are going (a run of failures since an instant, or none), in
    /// configuration order.</summary>
    public IReadOnlyList<(string Sink, WriteHealth Health)> Sinks =>
        [.. _lanes.Where(lane => lane.Sink is not null).Select(lane => (lane.Name, Volatile.Read(ref lane.Health)))];

    /// <summary>New alerts were committed.</summary>
    public void Wake()
    {
        foreach (var lane in _lanes) lane.Signal.Writer.TryWrite(0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Task.WhenAll(_lanes.Select(lane => Task.Run(() => RunLaneAsync(lane, stoppingToken), CancellationToken.None))).ConfigureAwait(false);
    }

    private async Task RunLaneAsync(Lane lane, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Instant? nextAttempt;
                try
                {
                    nextAttempt = await DeliverDueAsync(lane, stoppingToken).ConfigureAwait(false);
                }
                catch (SqliteException e)
                {
                    _log.LogError(e, "The alert outbox of {Sink} could not be read or updated; retrying.", lane.Name);
                    nextAttempt = Now() + Duration.FromSeconds(1);
                }
                var now = Now();
                if (nextAttempt is { } due && due <= now) continue;
                var delay = nextAttempt is { } at ? TimeSpan.FromTicks(((at - now).ToInt64Nanoseconds() + 99) / 100) : LongestSleep;
                if (delay > LongestSleep) delay = LongestSleep;
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(lane.Signal.Reader.WaitToReadAsync(wake.Token).AsTask(), Task.Delay(delay, _time, wake.Token)).ConfigureAwait(false);
                wake.Cancel();
                lane.Signal.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Delivers everything of the lane that is due; returns when its next pending attempt is due, if any.</summary>
    private async Task<Instant?> DeliverDueAsync(Lane lane, CancellationToken stoppingToken)
    {
        using var connection = _database.Open();
        var due = new List<(string AlertId, string Sink, int Attempts, byte[] Body)>();
        var settled = new List<(string AlertId, string Sink)>();
        var sinks = lane.Sink is null ? "d.sink NOT IN (SELECT value FROM json_each($sinks))" : "d.sink = $sink";
        using (var command = connection.CreateCommand())
        {
            // An escalation is void once its alert was acknowledged or its case is no longer open.
            command.CommandText = $"""
                SELECT d.alert_id, d.sink, d.attempts, a.body,
                       d.unless_acked AND (a.acked_at IS NOT NULL OR coalesce(c.status, 'closed') NOT IN ('open', 'notOpened'))
                FROM deliveries d JOIN alerts a ON a.id = d.alert_id LEFT JOIN cases c ON c.id = a.case_id
                WHERE d.status = 'pending' AND d.next_attempt <= $now AND {sinks} ORDER BY d.next_attempt LIMIT 200
                """;
            command.Parameters.AddWithValue("$now", InstantNanos.ToNanos(Now()));
            Bind(command, lane);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetInt64(4) != 0) settled.Add((reader.GetString(0), reader.GetString(1)));
                else due.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), (byte[])reader[3]));
            }
        }

        var outcomes = await Task.WhenAll(due.Select(item => AttemptAsync(lane, item.Sink, item.AlertId, item.Body, stoppingToken))).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: true);
        foreach (var (alertId, sink) in settled)
        {
            Update(transaction, "UPDATE deliveries SET status = 'skipped', last_error = 'acknowledged or resolved before the escalation was due' WHERE alert_id = $id AND sink = $sink",
                ("$id", alertId), ("$sink", sink));
        }
        for (var i = 0; i < due.Count; i++)
        {
            var (alertId, sink, attempts, _) = due[i];
            var result = outcomes[i];
            var now = Now();
            if (result.Delivered)
            {
                Interlocked.Increment(ref _delivered);
                if (_log.IsEnabled(LogLevel.Debug)) _log.LogDebug("Delivered alert {AlertId} to {Sink}", alertId, sink);
                Update(transaction, "UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = $now, last_error = NULL WHERE alert_id = $id AND sink = $sink",
                    ("$now", InstantNanos.ToNanos(now)), ("$id", alertId), ("$sink", sink));
                continue;
            }
            Interlocked.Increment(ref _failedAttempts);
            _metrics.SinkFailed(sink);
            var tries = attempts + 1;
            var giveUp = result.Permanent || tries >= MaxAttempts;
            var asked = result.RetryAfter is { } retryAfter ? now + Duration.FromTimeSpan(retryAfter) : (Instant?)null;
            var retryAt = Backoff.NextAttempt(tries, asked, now, (ulong)HashCode.Combine(alertId, sink, tries));
            _log.LogWarning("Alert {AlertId} to {Sink} failed (attempt {Attempt}): {Error}", alertId, sink, tries, result.Error);
            Update(transaction, "UPDATE deliveries SET status = $status, attempts = $tries, next_attempt = $next, last_error = $error WHERE alert_id = $id AND sink = $sink",
                ("$status", giveUp ? "failed" : "pending"), ("$tries", tries), ("$next", InstantNanos.ToNanos(retryAt)),
                ("$error", result.Error ?? "failed"), ("$id", alertId), ("$sink", sink));
        }
        transaction.Commit();
        if (due.Count > 0)
        {
            // The lane's health is its latest attempt's outcome (the list is in due order).
            var last = outcomes[^1];
            var health = last.Delivered ? lane.Health.Succeeded() : lane.Health.Failed(Now(), last.Error ?? "failed");
            Volatile.Write(ref lane.Health, health);
        }

        using var next = connection.CreateCommand();
        next.CommandText = $"SELECT min(d.next_attempt) FROM deliveries d WHERE d.status = 'pending' AND {sinks}";
        Bind(next, lane);
        return next.ExecuteScalar() is long nanos ? InstantNanos.FromNanos(nanos) : null;
    }

    private void Bind(SqliteCommand command, Lane lane)
    {
        if (lane.Sink is null) command.Parameters.AddWithValue("$sinks", System.Text.Json.JsonSerializer.Serialize(_configured));
        else command.Parameters.AddWithValue("$sink", lane.Name);
    }

    private async Task<DeliveryResult> AttemptAsync(Lane lane, string sinkName, string alertId, byte[] body, CancellationToken stoppingToken)
    {
        if (lane.Sink is not { } sink) return new DeliveryResult(false, $"no sink named {sinkName} is configured any more", Permanent: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(lane.Timeout);
        try
        {
            return await sink.DeliverAsync(alertId, body, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new DeliveryResult(false, $"timed out after {lane.Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new DeliveryResult(false, e.Message);
        }
    }

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private static void Update(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
