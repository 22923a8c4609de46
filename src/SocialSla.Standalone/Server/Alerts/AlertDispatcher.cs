using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Alerts.Storms;
using SocialSla.Core.Cases;
using SocialSla.Core.Delivery;
using SocialSla.Core.Health;
using SocialSla.Core.Mentions;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Storage;
using Channel = System.Threading.Channels.Channel;

namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Delivers alerts from the outbox (the <c>deliveries</c> table, written in the same transaction that raised
/// the alert) to every sink: at least once, retried with exponential backoff and jitter (a receiver's
/// <c>Retry-After</c> wins when longer), marked failed after <see cref="MaxAttempts"/>. Storm control (Core
/// <see cref="StormControl"/>) decides on each alert's first attempt whether it goes alone or into a grouped incident;
/// the group's messages and PagerDuty's acknowledge and resolve events go through the <c>incident_events</c> outbox
/// with the same retries.</summary>
/// <remarks>Each sink has a lane of its own (a loop over its own pending deliveries and incident events): a receiver
/// that hangs until its timeout holds back only its own deliveries, never another sink's. Storm state lives in memory,
/// one per lane (storms are counted per sink): a group still open at a restart is closed at the next start with its
/// stored count, and counting starts afresh.</remarks>
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

    /// <summary>One sink's loop: its wake-up signal, its storm control and how its deliveries are going.</summary>
    private sealed class Lane(string name, IAlertSink? sink, TimeSpan timeout, StormControl? storm)
    {
        public string Name { get; } = name;

        /// <summary>The sink, or none for the lane that fails deliveries to sinks no longer configured.</summary>
        public IAlertSink? Sink { get; } = sink;

        public TimeSpan Timeout { get; } = timeout;

        /// <summary>Storm control for this sink (none when off, or for sinks that keep every alert).</summary>
        public StormControl? Storm { get; } = storm;

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
        foreach (var sink in sinks)
        {
            var storm = settings.Storm is { } options && sink.GroupsStorms ? new StormControl(options) : null;
            _lanes.Add(new Lane(sink.Name, sink, timeouts.GetValueOrDefault(sink.Name, DefaultTimeout), storm));
        }
        _configured = [.. _lanes.Select(lane => lane.Name)];
        _lanes.Add(new Lane("", null, DefaultTimeout, null));
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

    /// <summary>New alerts or incident events were committed.</summary>
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
            var orphansClosed = lane.Sink is null;
            while (!stoppingToken.IsCancellationRequested)
            {
                Instant? nextAttempt;
                try
                {
                    if (!orphansClosed)
                    {
                        CloseGroupsLeftOpen(lane);
                        orphansClosed = true;
                    }
                    nextAttempt = await DeliverDueAsync(lane, stoppingToken).ConfigureAwait(false);
                }
                catch (SqliteException e)
                {
                    _log.LogError(e, "The alert outbox of {Sink} could not be read or updated; retrying.", lane.Name);
                    nextAttempt = Now() + Duration.FromSeconds(1);
                }
                if (lane.Storm?.NextCloseAt is { } close && (nextAttempt is null || close < nextAttempt)) nextAttempt = close;
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

    private sealed record DueAlert(string AlertId, string Sink, int Attempts, byte[] Body, string Account, string Kind, string Case, Instant DueAt);

    private sealed record DueEvent(string Id, string Sink, string Kind, string Incident, byte[] Body, int Attempts);

    /// <summary>Delivers everything of the lane that is due; returns when its next pending attempt is due, if any.</summary>
    private async Task<Instant?> DeliverDueAsync(Lane lane, CancellationToken stoppingToken)
    {
        using var connection = _database.Open();
        var due = new List<DueAlert>();
        var settled = new List<(string AlertId, string Sink)>();
        using (var command = connection.CreateCommand())
        {
            // An escalation is void once its alert was acknowledged or its case is no longer open.
            command.CommandText = $"""
                SELECT d.alert_id, d.sink, d.attempts, a.body,
                       d.unless_acked AND (a.acked_at IS NOT NULL OR coalesce(c.status, 'closed') NOT IN ('open', 'notOpened')),
                       a.account, a.kind, a.case_id, d.next_attempt
                FROM deliveries d JOIN alerts a ON a.id = d.alert_id LEFT JOIN cases c ON c.id = a.case_id
                WHERE d.status = 'pending' AND d.next_attempt <= $now AND {LaneFilter(lane, "d")} ORDER BY d.next_attempt LIMIT 200
                """;
            command.Parameters.AddWithValue("$now", InstantNanos.ToNanos(Now()));
            Bind(command, lane);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetInt64(4) != 0) settled.Add((reader.GetString(0), reader.GetString(1)));
                else due.Add(new DueAlert(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), (byte[])reader[3],
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), InstantNanos.FromNanos(reader.GetInt64(8))));
            }
        }

        var send = ApplyStormControl(lane, connection, due, settled);
        var events = ReadDueEvents(lane, connection);

        var alertOutcomes = Task.WhenAll(send.Select(item => AttemptAsync(lane, item.Sink, (sink, token) => sink.DeliverAsync(item.AlertId, item.Body, token), stoppingToken)));
        var eventOutcomes = Task.WhenAll(events.Select(item => AttemptAsync(lane, item.Sink, (sink, token) => item.Kind switch
        {
            "storm" => sink.DeliverStormAsync(item.Id, item.Body, token),
            "acknowledge" => sink.DeliverLifecycleAsync(item.Incident, PagerDutyAction.Acknowledge, token),
            _ => sink.DeliverLifecycleAsync(item.Incident, PagerDutyAction.Resolve, token),
        }, stoppingToken)));
        var sent = await alertOutcomes.ConfigureAwait(false);
        var eventsSent = await eventOutcomes.ConfigureAwait(false);
        if (send.Count + events.Count > 0)
        {
            using (var transaction = connection.BeginTransaction(deferred: true))
            {
                for (var i = 0; i < send.Count; i++) Record(transaction, "deliveries", "alert_id", send[i].AlertId, send[i].Sink, send[i].Attempts, sent[i]);
                for (var i = 0; i < events.Count; i++) Record(transaction, "incident_events", "id", events[i].Id, events[i].Sink, events[i].Attempts, eventsSent[i]);
                transaction.Commit();
            }
            // The lane's health is its latest attempt's outcome (each list is in due order).
            var last = eventsSent.Length > 0 ? eventsSent[^1] : sent[^1];
            Volatile.Write(ref lane.Health, last.Delivered ? lane.Health.Succeeded() : lane.Health.Failed(Now(), last.Error ?? "failed"));
            // An event held back for its trigger may be free now: look again at once.
            return Now();
        }

        using var next = connection.CreateCommand();
        next.CommandText = $"""
            SELECT min(at) FROM (
                SELECT min(d.next_attempt) AS at FROM deliveries d WHERE d.status = 'pending' AND {LaneFilter(lane, "d")}
                UNION ALL SELECT min(e.next_attempt) FROM incident_events e WHERE e.status = 'pending' AND e.next_attempt > $now AND {LaneFilter(lane, "e")})
            """;
        next.Parameters.AddWithValue("$now", InstantNanos.ToNanos(Now()));
        Bind(next, lane);
        return next.ExecuteScalar() is long nanos ? InstantNanos.FromNanos(nanos) : null;
    }

    private static string LaneFilter(Lane lane, string alias) =>
        lane.Sink is null ? $"{alias}.sink NOT IN (SELECT value FROM json_each($sinks))" : $"{alias}.sink = $sink";

    private void Bind(SqliteCommand command, Lane lane)
    {
        if (lane.Sink is null) command.Parameters.AddWithValue("$sinks", JsonSerializer.Serialize(_configured));
        else command.Parameters.AddWithValue("$sink", lane.Name);
    }

    /// <summary>Asks the lane's storm control about each alert's first attempt, and stores what it decided (alerts
    /// folded into a group, the group's count and list, the group messages to send) with the voided escalations;
    /// returns the alerts to send on their own.</summary>
    private List<DueAlert> ApplyStormControl(Lane lane, SqliteConnection connection, List<DueAlert> due, List<(string AlertId, string Sink)> settled)
    {
        var now = Now();
        var send = new List<DueAlert>(due.Count);
        var grouped = new List<(string AlertId, string Sink, string Group)>();
        var groups = new Dictionary<string, (StormDecision Decision, Instant At)>(StringComparer.Ordinal);
        var messages = new List<StormIncident>();
        var closed = new List<StormDecision>();
        if (lane.Storm is { } storms)
        {
            foreach (var close in storms.Advance(now))
            {
                closed.Add(close);
                messages.Add(StormIncident.From(close, now));
            }
        }
        foreach (var item in due)
        {
            // Spike alerts are about an account, not a case: they are already one alert per burst.
            if (lane.Storm is not { } storm || item.Attempts != 0
                || !AlertRoute.TryParseKind(item.Kind, out var kind) || kind is AlertKind.VolumeSpike or AlertKind.NegativeSurge
                || !PlatformAccountId.TryParse(item.Account, out var account) || !CaseId.TryParse(item.Case, out var caseId))
            {
                send.Add(item);
                continue;
            }
            var decision = storm.Admit(new StormKey(item.Sink, account, kind), caseId, item.DueAt);
            if (decision.Action == StormAction.Deliver)
            {
                send.Add(item);
                continue;
            }
            grouped.Add((item.AlertId, item.Sink, decision.GroupId!));
            groups[decision.GroupId!] = (decision, item.DueAt);
            if (decision.Sends) messages.Add(StormIncident.From(decision, now));
        }
        if (settled.Count + grouped.Count + messages.Count == 0) return send;

        using var transaction = connection.BeginTransaction(deferred: true);
        foreach (var (alertId, sink) in settled)
        {
            Update(transaction, "UPDATE deliveries SET status = 'skipped', last_error = 'acknowledged or resolved before the escalation was due' WHERE alert_id = $id AND sink = $sink",
                ("$id", alertId), ("$sink", sink));
        }
        foreach (var (alertId, sink, group) in grouped)
        {
            Update(transaction, "UPDATE deliveries SET status = 'grouped', group_id = $group WHERE alert_id = $id AND sink = $sink",
                ("$group", group), ("$id", alertId), ("$sink", sink));
        }
        foreach (var (decision, at) in groups.Values) SaveGroup(transaction, decision, at, closedAt: null);
        foreach (var close in closed) SaveGroup(transaction, close, now, closedAt: now);
        foreach (var message in messages) Enqueue(transaction, message, now);
        transaction.Commit();
        if (grouped.Count > 0) _log.LogInformation("Storm control grouped {Count} alerts to {Sink} into {Groups} incidents.", grouped.Count, lane.Name, groups.Count);
        return send;
    }

    private static void SaveGroup(SqliteTransaction transaction, StormDecision decision, Instant at, Instant? closedAt)
    {
        Update(transaction, """
            INSERT INTO storm_groups(id, sink, account, level, started_at, count, cases, updated_at, closed_at)
            VALUES ($id, $sink, $account, $level, $started, $count, $cases, $at, $closed)
            ON CONFLICT(id) DO UPDATE SET count = excluded.count, cases = excluded.cases, updated_at = excluded.updated_at,
                closed_at = coalesce(excluded.closed_at, closed_at)
            """,
            ("$id", decision.GroupId), ("$sink", decision.Key.Recipient), ("$account", decision.Key.Account.ToString()),
            ("$level", SlaAlertJson.KindName(decision.Key.Level)), ("$started", InstantNanos.ToNanos(decision.StartedAt!.Value)),
            ("$count", decision.Count), ("$cases", JsonSerializer.Serialize(decision.Cases.Select(c => c.Value))), ("$at", InstantNanos.ToNanos(at)),
            ("$closed", closedAt is { } c ? InstantNanos.ToNanos(c) : null));
    }

    private static void Enqueue(SqliteTransaction transaction, StormIncident message, Instant now) =>
        Update(transaction, """
            INSERT OR IGNORE INTO incident_events(id, sink, kind, incident, body, status, next_attempt)
            VALUES ($id, $sink, 'storm', $group, $body, 'pending', $now)
            """,
            ("$id", message.MessageId), ("$sink", message.Recipient), ("$group", message.GroupId), ("$body", StormIncidentJson.ToUtf8(message)),
            ("$now", InstantNanos.ToNanos(now)));

    /// <summary>The lane's groups still open from before a restart: their members were counted, so they get their
    /// final message.</summary>
    private void CloseGroupsLeftOpen(Lane lane)
    {
        using var connection = _database.Open();
        var open = new List<StormIncident>();
        var now = Now();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, sink, account, level, started_at, count, cases FROM storm_groups WHERE closed_at IS NULL AND sink = $sink";
            command.Parameters.AddWithValue("$sink", lane.Name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!PlatformAccountId.TryParse(reader.GetString(2), out var account) || !AlertRoute.TryParseKind(reader.GetString(3), out var level)) continue;
                var cases = (JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? []).Select(c => new CaseId(c)).ToArray();
                open.Add(new StormIncident(reader.GetString(0), StormAction.CloseGroup, reader.GetString(1), account, level, reader.GetInt32(5), cases,
                    InstantNanos.FromNanos(reader.GetInt64(4)), now));
            }
        }
        if (open.Count == 0) return;
        using var transaction = connection.BeginTransaction(deferred: true);
        foreach (var message in open)
        {
            Enqueue(transaction, message, now);
            Update(transaction, "UPDATE storm_groups SET closed_at = $now WHERE id = $id", ("$now", InstantNanos.ToNanos(now)), ("$id", message.GroupId));
        }
        transaction.Commit();
    }

    /// <summary>The lane's storm messages, and acknowledge and resolve events whose incident's trigger is no longer
    /// waiting to go (else PagerDuty would get them first) and, for a resolve, whose acknowledge went first.</summary>
    private List<DueEvent> ReadDueEvents(Lane lane, SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT e.id, e.sink, e.kind, e.incident, e.body, e.attempts FROM incident_events e
            WHERE e.status = 'pending' AND e.next_attempt <= $now AND {LaneFilter(lane, "e")}
              AND (e.kind = 'storm' OR (
                   NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.alert_id > e.incident || '/' AND d.alert_id < e.incident || '0'
                                 AND d.sink = e.sink AND d.status = 'pending' AND d.unless_acked = 0)
                   AND (e.kind <> 'resolve' OR NOT EXISTS (SELECT 1 FROM incident_events a WHERE a.incident = e.incident AND a.sink = e.sink
                                 AND a.kind = 'acknowledge' AND a.status = 'pending'))))
            ORDER BY e.next_attempt LIMIT 200
            """;
        command.Parameters.AddWithValue("$now", InstantNanos.ToNanos(Now()));
        Bind(command, lane);
        using var reader = command.ExecuteReader();
        var events = new List<DueEvent>();
        while (reader.Read())
            events.Add(new DueEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), (byte[])reader[4], reader.GetInt32(5)));
        return events;
    }

    private void Record(SqliteTransaction transaction, string table, string idColumn, string id, string sink, int attempts, DeliveryResult result)
    {
        var now = Now();
        if (result.Delivered)
        {
            Interlocked.Increment(ref _delivered);
            if (_log.IsEnabled(LogLevel.Debug)) _log.LogDebug("Delivered alert {AlertId} to {Sink}", id, sink);
            Update(transaction, $"UPDATE {table} SET status = 'delivered', attempts = attempts + 1, delivered_at = $now, last_error = NULL WHERE {idColumn} = $id AND sink = $sink",
                ("$now", InstantNanos.ToNanos(now)), ("$id", id), ("$sink", sink));
            return;
        }
        Interlocked.Increment(ref _failedAttempts);
        _metrics.SinkFailed(sink);
        var tries = attempts + 1;
        var giveUp = result.Permanent || tries >= MaxAttempts;
        var asked = result.RetryAfter is { } retryAfter ? now + Duration.FromTimeSpan(retryAfter) : (Instant?)null;
        var retryAt = Backoff.NextAttempt(tries, asked, now, (ulong)HashCode.Combine(id, sink, tries));
        _log.LogWarning("Alert {AlertId} to {Sink} failed (attempt {Attempt}): {Error}", id, sink, tries, result.Error);
        Update(transaction, $"UPDATE {table} SET status = $status, attempts = $tries, next_attempt = $next, last_error = $error WHERE {idColumn} = $id AND sink = $sink",
            ("$status", giveUp ? "failed" : "pending"), ("$tries", tries), ("$next", InstantNanos.ToNanos(retryAt)),
            ("$error", result.Error ?? "failed"), ("$id", id), ("$sink", sink));
    }

    private async Task<DeliveryResult> AttemptAsync(Lane lane, string sinkName, Func<IAlertSink, CancellationToken, Task<DeliveryResult>> deliver, CancellationToken stoppingToken)
    {
        if (lane.Sink is not { } sink) return new DeliveryResult(false, $"no sink named {sinkName} is configured any more", Permanent: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(lane.Timeout);
        try
        {
            return await deliver(sink, timeout.Token).ConfigureAwait(false);
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
