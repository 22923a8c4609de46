using System.Diagnostics;
using System.Threading.Channels;
using Channel = System.Threading.Channels.Channel;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Alerts.Escalation;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Spikes;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Server.Alerts;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Engine;

/// <summary>The single writer of case state: takes envelopes from the inbox in order, runs them through the Core
/// pipeline, runs each case's wake-up when it is due, and commits every batch (state, KPIs, alerts, messages and the
/// inbox position) in one transaction, so each acknowledged delivery is applied exactly once, even across a crash.</summary>
/// <remarks>The next wake-ups live in the <c>cases</c> table (indexed by due instant) and, those due within about a
/// minute, in a heap in memory (<see cref="WakeUpQueue"/>): the loop sleeps until the earliest one or until new work
/// arrives; no tick scans the cases.</remarks>
internal sealed class PipelineEngine : BackgroundService
{
    private const int InboxBatch = 256;
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);

    private readonly SqliteDatabase _database;
    private readonly ServerSettings _settings;
    private readonly TimeProvider _time;
    private readonly EnvelopeDecoder _decoder;
    private readonly ILogger<PipelineEngine> _log;
    private readonly Channel<byte> _signal = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<EngineRequest> _requests = Channel.CreateUnbounded<EngineRequest>();
    private readonly WakeUpQueue _timers = new();
    private readonly List<SlaAlert> _newAlerts = [];
    private readonly List<SpikeAlert> _newSpikeAlerts = [];
    private SpikeMonitor? _spikes; // the engine thread's; its changed states are stored with each commit
    private volatile SpikeView _spikeView = SpikeView.Empty;
    private readonly List<(Mention Mention, CaseId? Case)> _newMessages = [];
    private readonly Dictionary<string, long> _counters = [];
    private readonly List<(EngineRequest Request, EngineReply Reply)> _replies = [];
    private readonly List<EraseCustomerRequest> _erasures = [];
    private readonly List<AuditEntry> _audit = [];
    private readonly List<(string CaseId, string Text, string ExternalId)> _tombstones = [];

    /// <summary>Cases changed since the last commit (their PagerDuty incidents may be resolved by it).</summary>
    private readonly HashSet<CaseId> _touchedCases = [];
    private long _processedSeq;
    private PreparedCommands _commands = null!; // the engine connection's, for the life of the loop
    private DateTimeOffset _lastInboxCheckpoint;

    /// <summary>How often the engine checkpoints the inbox (the inbox writer never does, see <see cref="SqliteDatabase.Open"/>).</summary>
    private static readonly TimeSpan InboxCheckpointEvery = TimeSpan.FromSeconds(1);
    private volatile EngineStatus _status = new(0, 0, 0, null, null);

    private readonly DecodedEnvelopes _decoded;

    private readonly StorageHealth _health;
    private int _limits;
    private readonly Observability.ServerMetrics _metrics;

    public PipelineEngine(SqliteDatabase database, ServerSettings settings, TimeProvider time, EnvelopeDecoder decoder, DecodedEnvelopes decoded, StorageHealth health,
        Observability.ServerMetrics metrics, ILogger<PipelineEngine> log)
    {
        _health = health;
        _metrics = metrics;
        _decoded = decoded;
        _database = database;
        _settings = settings;
        _time = time;
        _decoder = decoder;
        _log = log;
    }

    /// <summary>Raised after a commit that erased personal data from these cases (API caches forget them).</summary>
    public event Action<IReadOnlyCollection<string>>? CasesErased;

    /// <summary>Raised after a commit that created alerts (wakes the alert dispatcher).</summary>
    public event Action? AlertsCommitted;

    /// <summary>What the engine has done so far, for <c>/healthz</c> and tests.</summary>
    public EngineStatus Status => _status;

    /// <summary>Every spike stream's rate against its baseline at the engine's last evaluation, for <c>GET /api/kpis</c>.</summary>
    public SpikeView Spikes => _spikeView;

    /// <summary>New work is waiting (an envelope was stored, a request queued).</summary>
    public void Wake() => _signal.Writer.TryWrite(0);

    /// <summary>Queues a request and waits for its committed outcome.</summary>
    public async Task<EngineReply> SubmitAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        await _requests.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        Wake();
        return await request.Reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the loop on a thread of its own, at a lower scheduling priority than the request threads: when the
    /// cores are busy, acknowledging a webhook (which only needs it stored) goes first and processing catches up in the
    /// gaps; the inbox keeps what waits.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                ThreadNiceness.Lower(EngineNiceness);
                Run(stoppingToken);
                done.TrySetResult();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                done.TrySetResult();
            }
            catch (Exception e)
            {
                _log.LogCritical(e, "The engine stopped.");
                done.TrySetException(e);
            }
        })
        { IsBackground = true, Name = "socialsla-engine" };
        thread.Start();
        return done.Task;
    }

    /// <summary>How much lower the engine's thread runs than the request threads (Linux nice increment).</summary>
    private const int EngineNiceness = 5;

    private void Run(CancellationToken stoppingToken)
    {
        using var connection = _database.Open();
        using var commands = _commands = new PreparedCommands(connection);
        var state = new StoredPipelineState(commands, _settings.Policy);
        var kpis = new StoredKpis(commands);
        var pipeline = new MentionPipeline(_settings.Policy, state, _settings.Triage is { } triage ? new Core.Triage.MentionTriage(triage) : null);
        _spikes = _settings.Spikes is { } spikeOptions ? new SpikeMonitor(spikeOptions) : null;
        Reload(connection);

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = Now();
            var inboxFull = false;
            try
            {
                // The store holds every wake-up scheduled only while nothing is uncommitted (see WakeUpQueue).
                if (_uncommittedSince is null && _timers.MustAdvance(now))
                {
                    _timers.Advance(connection, now);
                    _status = _status with { NextWakeUp = _timers.Next };
                }
                // Wake-ups due by now ran before anything that arrives now (as in replay).
                var worked = RunDueTimers(pipeline, kpis, now);
                worked |= TakeRequests(pipeline, kpis, now);
                var taken = TakeInbox(connection, pipeline, state, kpis, now);
                inboxFull = taken == InboxBatch;
                // Minutes closed by now are evaluated after what arrived by now was counted.
                if (!inboxFull) worked |= AdvanceSpikes(now);
                _uncommittedDeliveries += taken;
                // After a failed commit, commit even an empty batch: it shows (in /healthz) that commits work again.
                if (worked || taken > 0 || _health.State.IsFailing) _uncommittedSince ??= Stopwatch.GetTimestamp();
                if (_uncommittedSince is { } since && MustCommit(since))
                {
                    _database.ApplyLimits(connection, ref _limits);
                    Commit(connection, state, kpis, now);
                    _uncommittedSince = null;
                    _uncommittedDeliveries = 0;
                }
            }
            catch (Exception e) when (e is SqliteException or StorageUnavailableException or IOException)
            {
                // Nothing of the batch was stored (the transaction rolled back): forget what was applied in memory and
                // take it again from the inbox once the file takes writes again.
                _health.StateFailed(e);
                _log.LogError(e, "The engine could not commit a batch; it will retry from the last committed state.");
                state.Reset();
                kpis.Reset();
                Discard();
                _uncommittedSince = null;
                _uncommittedDeliveries = 0;
                ReloadAfterFailure(connection, stoppingToken);
                continue;
            }
            PurgeEnvelopes(now);
            if (inboxFull) continue;
            Sleep(stoppingToken);
        }
    }

    /// <summary>Whether what has been applied since the last commit must be committed now: at once when someone waits
    /// for it (a new alert, an API request), else once enough deliveries or time have gathered. A commit costs about
    /// the same for 5 deliveries as for 200 (pages, KPI rows and cases touched by several deliveries are written once),
    /// and the inbox holds every delivery until its batch commits.</summary>
    private bool MustCommit(long uncommittedSince) =>
        _newAlerts.Count > 0 || _newSpikeAlerts.Count > 0 || _replies.Count > 0 || _uncommittedDeliveries >= CommitEvery || ErasureReady()
        || Stopwatch.GetElapsedTime(uncommittedSince) >= CommitWithin;

    /// <summary>Deliveries that make a batch worth committing without waiting for <see cref="CommitWithin"/>.</summary>
    private const int CommitEvery = 1024;

    /// <summary>How long applied deliveries may wait for more to share their commit (wall time, not the domain clock:
    /// it only trades latency of the stored state for throughput).</summary>
    private static readonly TimeSpan CommitWithin = TimeSpan.FromMilliseconds(40);

    /// <summary>Whether an erasure waits only for a commit (every envelope acknowledged before it is applied).</summary>
    private bool ErasureReady() => _erasures.Exists(e => e.InboxSeq <= _processedSeq);

    private long? _uncommittedSince;
    private int _uncommittedDeliveries;

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    /// <summary>How often the engine looks for raw envelopes past their retention.</summary>
    private static readonly Duration PurgeEvery = Duration.FromMinutes(1);

    /// <summary>Envelopes deleted per statement: each holds the inbox's write lock, which acknowledgements wait for.</summary>
    private const int PurgeChunk = 2_000;

    private Instant _lastPurge = Instant.MinValue;

    /// <summary>Deletes raw envelopes older than the retention (<see cref="ServerSettings.EnvelopeRetention"/>), but only
    /// those whose processing is committed: an envelope is kept until its effects are stored.</summary>
    private void PurgeEnvelopes(Instant now)
    {
        if (_settings.EnvelopeRetention is not { } retention || now - _lastPurge < PurgeEvery) return;
        _lastPurge = now;
        try
        {
            var cutoff = InstantNanos.ToNanos(now - retention);
            int deleted;
            do
            {
                deleted = _commands.Execute("""
                    DELETE FROM inbox WHERE seq IN (
                        SELECT seq FROM inbox WHERE seq <= $committed AND received_at < $cutoff ORDER BY seq LIMIT $chunk)
                    """, ("$committed", _status.ProcessedSeq), ("$cutoff", cutoff), ("$chunk", PurgeChunk));
                if (deleted > 0)
                {
                    _commands.Execute("INSERT INTO counters(name, value) VALUES ('envelopesPurged', $v) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
                        ("$v", deleted));
                }
            }
            while (deleted == PurgeChunk);
        }
        catch (SqliteException e)
        {
            _log.LogWarning(e, "Old envelopes could not be purged now; the engine tries again in a minute.");
        }
    }

    private bool TakeRequests(MentionPipeline pipeline, StoredKpis kpis, Instant now)
    {
        var any = false;
        while (_requests.Reader.TryRead(out var request))
        {
            any = true;
            switch (request)
            {
                case ResolveCaseRequest resolve:
                    var commands = pipeline.Apply(resolve.Case, CaseEvent.Resolve(now), now);
                    Touched(resolve.Case);
                    if (commands is null) _replies.Add((request, EngineReply.NotFound));
                    else
                    {
                        Execute(commands, kpis);
                        _replies.Add((request, EngineReply.Done));
                        _audit.Add(new AuditEntry(now, resolve.By, resolve.Role, "resolve", resolve.Case.Value, null));
                        Count("casesResolvedByApi");
                    }
                    break;
                case EraseCustomerRequest erase:
                    // Applied in the commit once everything acknowledged before it is (see ErasureReady).
                    _erasures.Add(erase);
                    break;
            }
        }
        return any;
    }

    private int TakeInbox(SqliteConnection connection, MentionPipeline pipeline, StoredPipelineState state, StoredKpis kpis, Instant now)
    {
        var rows = new List<(long Seq, string Kind, string Source, Instant ReceivedAt, byte[] Body)>();
        using (var reader = _commands.Start("SELECT seq, kind, source, received_at, body FROM inbox WHERE seq > $after ORDER BY seq LIMIT $limit",
            ("$after", _processedSeq), ("$limit", InboxBatch)))
        {
            while (reader.Read())
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), InstantNanos.FromNanos(reader.GetInt64(3)), reader.GetBlob(4)));
        }
        var traced = _log.IsEnabled(LogLevel.Debug);
        foreach (var row in rows)
        {
            string? error = null;
            long fresh = 0, duplicates = 0;
            var touched = traced ? new List<string>() : null;
            if (_decoded.TryTake(row.Seq, out var batch) || _decoder.TryDecode(row.Kind, row.Source, row.Body, row.ReceivedAt, out batch, out error))
            {
                Count("eventsIgnored", batch.Ignored);
                foreach (var received in batch.Mentions)
                {
                    // Personal data is masked where text enters the pipeline: before triage reads it, the messages
                    // table stores it and a case excerpt (alerts) quotes it.
                    var mention = Core.Privacy.PiiMasker.Mask(received, _settings.PiiMasking);
                    // Deliveries come out of order: a message whose delete came first is kept without its text.
                    if (mention.Verb == MentionVerb.Add && state.WasSeen(mention.IdempotencyKey with { Verb = MentionVerb.Delete }))
                        mention = Core.Privacy.PersonalDataEraser.Tombstone(mention);
                    var result = pipeline.Ingest(mention, now);
                    switch (result.Outcome)
                    {
                        case IngestOutcome.Duplicate:
                            Count("duplicates");
                            duplicates++;
                            break;
                        default:
                            Count("mentions");
                            fresh++;
                            if (result.Case is { } touchedCase) touched?.Add(touchedCase.Value);
                            _newMessages.Add((mention, result.Case));
                            if (result.Case is { } changed) Touched(changed);
                            Execute(result.Commands, kpis);
                            _spikes?.Observe(mention, result.Triage, now);
                            break;
                    }
                }
            }
            else
            {
                // The endpoint checked the body before storing it; this is a parser change or a damaged row.
                // (The error names a field and a position, never the field's value.)
                Count("envelopesRejected");
                _log.LogWarning("Inbox envelope {Seq} ({Kind}) could not be read and is skipped: {Error}", row.Seq, row.Kind, error);
            }
            _processedSeq = row.Seq;
            _metrics.MentionsApplied(fresh, duplicates);
            // Correlation: envelope → cases here; cases → alerts when they are raised (ids only, never text or handles).
            if (touched is not null)
                _log.LogDebug("Applied envelope {EnvelopeSeq} ({Kind}): {Mentions} new, {Duplicates} duplicates, cases {CaseIds}", row.Seq, row.Kind, fresh, duplicates, string.Join(' ', touched));
        }
        return rows.Count;
    }

    /// <summary>Evaluates the spike streams' minutes closed by <paramref name="now"/>; whether any was (its state then
    /// changed and is stored with the next commit).</summary>
    private bool AdvanceSpikes(Instant now)
    {
        if (_spikes is null || _spikes.NextEvaluationAt is not { } due || due > now) return false;
        _newSpikeAlerts.AddRange(_spikes.Advance(now));
        _spikeView = new SpikeView(now, _spikes.Snapshots(now));
        return true;
    }

    private bool RunDueTimers(MentionPipeline pipeline, StoredKpis kpis, Instant now)
    {
        var any = false;
        while (_timers.TryTakeDue(now, out var id, out var due))
        {
            any = true;
            Touched(id);
            Execute(pipeline.WakeUp(id, due, now), kpis); // nothing when superseded by a later request
        }
        return any;
    }

    private void Execute(IReadOnlyList<CaseCommand> commands, StoredKpis kpis)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case RecordKpi kpi:
                    kpis.Apply(kpi.Key, kpi.Delta);
                    break;
                case ScheduleWakeUp wake:
                    _timers.Schedule(wake.Case, wake.At);
                    break;
                case RaiseAlert alert:
                    _newAlerts.Add(alert.Alert);
                    break;
                case CloseCase:
                    Count("casesClosed");
                    break;
            }
        }
    }

    private void Commit(SqliteConnection connection, StoredPipelineState state, StoredKpis kpis, Instant now)
    {
        var resolved = 0;
        using (var transaction = connection.BeginTransaction(deferred: true))
        {
            WriteAlerts(transaction, now);
            // Before the flush: the batch's case states (closed ones too) are still what GetCase answers.
            resolved = ResolveIncidents(state, now);
            state.Flush(transaction, caseState => DescribeCase(caseState, now), now);
            kpis.Flush(transaction);
            WriteMessages(transaction);
            WriteSpikes(now);
            var erased = ApplyTombstonesAndErasures(state, now);
            foreach (var entry in _audit) AuditLog.Record(_commands, entry);
            foreach (var (name, delta) in _counters)
                _commands.Execute("INSERT INTO counters(name, value) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value", ("$n", name), ("$v", delta));
            _commands.Execute("INSERT INTO engine(name, value) VALUES ('processed_seq', $v) ON CONFLICT(name) DO UPDATE SET value = excluded.value", ("$v", _processedSeq));
            transaction.Commit();
            if (erased.Count > 0) CasesErased?.Invoke(erased);
        }
        _health.StateSucceeded();
        if (_replies.Exists(r => r.Request is EraseCustomerRequest))
        {
            // The commit leaves the erased bytes zeroed in the files (secure_delete); older page images stay in the
            // write-ahead logs until those are emptied.
            bool truncated;
            try
            {
                truncated = SqliteDatabase.TruncateLogs(connection);
            }
            catch (SqliteException)
            {
                truncated = false; // the erasure is committed; a later checkpoint overwrites the log
            }
            if (!truncated) _log.LogWarning("A write-ahead log could not be emptied after an erasure (a reader held an old snapshot); the next checkpoint overwrites it.");
            foreach (var (request, _) in _replies)
            {
                if (request is EraseCustomerRequest erase) erase.LogsTruncated = truncated;
            }
            _lastInboxCheckpoint = _time.GetUtcNow();
        }
        else if (_time.GetUtcNow() - _lastInboxCheckpoint >= InboxCheckpointEvery)
        {
            _lastInboxCheckpoint = _time.GetUtcNow();
            try
            {
                SqliteDatabase.CheckpointInbox(connection);
            }
            catch (SqliteException e)
            {
                // The batch is committed; a checkpoint that fails (a full disk) is tried again after the next one.
                _log.LogWarning(e, "The inbox could not be checkpointed now.");
            }
        }
        var raised = _newAlerts.Count + _newSpikeAlerts.Count;
        foreach (var alert in _newAlerts)
        {
            var lateness = (alert.RaisedAt - alert.ThresholdAt).TotalSeconds;
            _metrics.AlertRaised(SlaAlertJson.KindName(alert.Kind), lateness);
            _log.LogInformation("Raised {Level} alert {AlertId} for case {CaseId}, {LatenessSeconds:0.###} s after its threshold",
                SlaAlertJson.KindName(alert.Kind), alert.Id.ToString(), alert.Case.Value, lateness);
        }
        foreach (var (request, reply) in _replies) request.Reply.TrySetResult(reply);
        _status = new EngineStatus(_processedSeq, _status.Batches + 1, _status.AlertsRaised + raised, now, _timers.Next);
        _newAlerts.Clear();
        _newSpikeAlerts.Clear();
        _newMessages.Clear();
        _counters.Clear();
        _replies.Clear();
        _audit.Clear();
        _tombstones.Clear();
        _touchedCases.Clear();
        if (raised + resolved > 0) AlertsCommitted?.Invoke();
    }

    /// <summary>In the commit's transaction, after the batch is written: drops the excerpt that quoted a message the
    /// platform deleted (cases, alerts, the raw envelopes holding it), then runs the erasures that are ready. The
    /// pipeline state's cache is dropped when rows changed under it.</summary>
    /// <returns>The cases whose personal data was erased.</returns>
    private List<string> ApplyTombstonesAndErasures(StoredPipelineState state, Instant now)
    {
        var erasedCases = new List<string>();
        if (_tombstones.Count == 0 && !ErasureReady()) return erasedCases;
        foreach (var (caseId, text, externalId) in _tombstones)
        {
            if (_commands.Scalar("SELECT state FROM cases WHERE id = $id", ("$id", caseId)) is byte[] stored)
            {
                var current = CaseStateJson.Read(stored, _settings.Policy);
                var tombstoned = Core.Privacy.PersonalDataEraser.Tombstone(current, text);
                if (!ReferenceEquals(tombstoned, current))
                    _commands.Execute("UPDATE cases SET state = $state WHERE id = $id", ("$state", CaseStateJson.ToUtf8(tombstoned)), ("$id", caseId));
            }
            CustomerErasure.RewriteAlerts(_commands, caseId, alert => Core.Privacy.PersonalDataEraser.Tombstone(alert, text));
            // The raw delivery of the deleted message, once applied, is needed for nothing.
            _commands.Execute("DELETE FROM inbox WHERE seq <= $upTo AND instr(body, $needle) > 0",
                ("$upTo", _processedSeq), ("$needle", System.Text.Encoding.UTF8.GetBytes(externalId)));
            erasedCases.Add(caseId);
        }
        for (var i = 0; i < _erasures.Count; i++)
        {
            var erase = _erasures[i];
            if (erase.InboxSeq > _processedSeq) continue;
            _erasures.RemoveAt(i--);
            var outcome = CustomerErasure.Erase(_commands, erase.Subject, _settings.Policy, _processedSeq);
            erase.Outcome = outcome;
            erasedCases.AddRange(outcome.CaseIds);
            _audit.Add(new AuditEntry(now, erase.By, erase.Role, "erase", erase.Subject.ToString(), outcome.ToJson()));
            _replies.Add((erase, EngineReply.Done));
            Count("erasures");
            _log.LogInformation("Erased the personal data of one customer on request of {Actor}: {Messages} messages, {Cases} cases, {Alerts} alerts, {Envelopes} envelopes.",
                erase.By, outcome.Messages, outcome.Cases, outcome.Alerts, outcome.Envelopes);
        }
        state.ForgetCached();
        return erasedCases;
    }

    private (Instant? OpenedAt, Instant? NextThreshold) DescribeCase(CaseState state, Instant now)
    {
        var opened = state.Timeline.Length > 0 ? state.Timeline[0].At : (Instant?)null;
        return (opened, CaseClocks.NextThresholdAt(state, _settings.Policy, now));
    }

    private void WriteMessages(SqliteTransaction transaction)
    {
        foreach (var (mention, caseId) in _newMessages)
        {
            if (mention.Verb == MentionVerb.Add)
            {
                _commands.Execute("""
                    INSERT INTO messages(id, case_id, account, from_brand, author_id, handle, text, created_at, received_at, url, verb)
                    VALUES ($id, $case, $account, $brand, $author, $handle, $text, $created, $received, $url, 'add')
                    ON CONFLICT(id) DO UPDATE SET case_id = coalesce(excluded.case_id, case_id)
                    """,
                    ("$id", mention.Id.ToString()), ("$case", caseId?.Value), ("$account", mention.Account.ToString()),
                    ("$brand", mention.FromBrand ? 1 : 0), ("$author", mention.Author.Id), ("$handle", mention.Author.Handle),
                    ("$text", mention.Text), ("$created", InstantNanos.ToNanos(mention.CreatedAt)),
                    ("$received", InstantNanos.ToNanos(mention.ReceivedAt)), ("$url", mention.Url));
            }
            else
            {
                // An edit replaces the text; a delete keeps a tombstone (the platform's terms require forgetting it).
                if (mention.Verb == MentionVerb.Delete)
                {
                    using (var stored = _commands.Start("SELECT case_id, text FROM messages WHERE id = $id", ("$id", mention.Id.ToString())))
                    {
                        if (stored.Read() && stored.GetStringOrNull(0) is { } caseOfDeleted)
                            _tombstones.Add((caseOfDeleted, stored.GetString(1), mention.Id.ExternalId));
                    }
                }
                var text = mention.Verb == MentionVerb.Delete ? "" : mention.Text;
                // An edit never brings text back to a message that was deleted or erased (it may arrive after either).
                _commands.Execute("UPDATE messages SET text = $text, verb = $verb WHERE id = $id AND ($verb = 'delete' OR verb IN ('add', 'edit'))",
                    ("$text", text), ("$verb", mention.Verb == MentionVerb.Delete ? "delete" : "edit"), ("$id", mention.Id.ToString()));
            }
        }
    }

    private void WriteAlerts(SqliteTransaction transaction, Instant now)
    {
        foreach (var alert in _newAlerts)
        {
            var id = alert.Id.ToString();
            _commands.Execute("""
                INSERT OR IGNORE INTO alerts(id, case_id, account, kind, threshold_at, raised_at, body)
                VALUES ($id, $case, $account, $kind, $threshold, $raised, $body)
                """,
                ("$id", id), ("$case", alert.Case.Value), ("$account", alert.Account.ToString()), ("$kind", SlaAlertJson.KindName(alert.Kind)),
                ("$threshold", InstantNanos.ToNanos(alert.ThresholdAt)), ("$raised", InstantNanos.ToNanos(alert.RaisedAt)), ("$body", SlaAlertJson.ToUtf8(alert)));
            // Every delivery the alert will need, decided now: escalations wait in the outbox and are skipped if the
            // alert is acknowledged (or its case resolved) before they are due.
            foreach (var delivery in EscalationPlan.For(alert, _settings.AlertRoutes, _settings.Ladder, _settings.Rosters))
            {
                _commands.Execute("INSERT OR IGNORE INTO deliveries(alert_id, sink, status, next_attempt, unless_acked) VALUES ($id, $sink, 'pending', $at, $unless)",
                    ("$id", id), ("$sink", delivery.Sink), ("$at", InstantNanos.ToNanos(Instant.Max(delivery.NotBefore, now))), ("$unless", delivery.UnlessAcknowledged ? 1 : 0));
            }
        }
    }

    /// <summary>Stores the spike streams that changed and the spike alerts raised, each with a delivery to every sink
    /// that takes its kind and account (no escalation: a spike is not a case's clock). The id is deterministic, so the
    /// same spike evaluated again after a restart is not raised twice.</summary>
    private void WriteSpikes(Instant now)
    {
        if (_spikes is null) return;
        foreach (var (stream, state) in _spikes.TakeChanged())
        {
            _commands.Execute("""
                INSERT INTO spike_streams(account, channel, state) VALUES ($account, $channel, $state)
                ON CONFLICT(account, channel) DO UPDATE SET state = excluded.state
                """, ("$account", stream.Account.ToString()), ("$channel", (int)stream.Channel), ("$state", state));
        }
        foreach (var alert in _newSpikeAlerts)
        {
            var id = alert.Id.ToString();
            var inserted = _commands.Execute("""
                INSERT OR IGNORE INTO alerts(id, case_id, account, kind, threshold_at, raised_at, body)
                VALUES ($id, '', $account, $kind, $threshold, $raised, $body)
                """,
                ("$id", id), ("$account", alert.Account.ToString()), ("$kind", SlaAlertJson.KindName(alert.Kind)),
                ("$threshold", InstantNanos.ToNanos(alert.StartedAt)), ("$raised", InstantNanos.ToNanos(alert.RaisedAt)), ("$body", SpikeAlertJson.ToUtf8(alert)));
            if (inserted == 0) continue;
            Count(alert.Phase == SpikePhase.Started ? "spikesStarted" : "spikesResolved");
            foreach (var route in _settings.AlertRoutes)
            {
                if (!route.Takes(alert.Kind, alert.Account)) continue;
                _commands.Execute("INSERT OR IGNORE INTO deliveries(alert_id, sink, status, next_attempt, unless_acked) VALUES ($id, $sink, 'pending', $at, 0)",
                    ("$id", id), ("$sink", route.Sink), ("$at", InstantNanos.ToNanos(now)));
            }
        }
    }

    /// <summary>Notes a changed case, when PagerDuty incidents may need resolving (else nothing: the hot path stays as it was).</summary>
    private void Touched(CaseId id)
    {
        if (_settings.PagerDutySinks.Count > 0) _touchedCases.Add(id);
    }

    /// <summary>Queues PagerDuty resolve events for the incidents of changed cases whose clock run has stopped (a brand
    /// reply, the case resolved or closed); returns how many were queued.</summary>
    private int ResolveIncidents(StoredPipelineState state, Instant now)
    {
        if (_settings.PagerDutySinks.Count == 0 || _touchedCases.Count == 0) return 0;
        var sinks = IncidentEvents.Sinks(_settings.PagerDutySinks);
        var queued = 0;
        var paged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var caseId in _touchedCases)
        {
            paged.Clear();
            using (var reader = _commands.Start(IncidentEvents.PagedAlertsSql, ("$case", caseId.Value), ("$sinks", sinks)))
            {
                while (reader.Read())
                {
                    if (AlertId.TryParse(reader.GetString(0), out var alertId) && alertId.Case == caseId) paged.Add(PagerDutyEventPayload.DedupKey(alertId));
                }
            }
            if (paged.Count == 0) continue;
            foreach (var key in PagerDutyLifecycle.ToResolve(caseId, state.GetCase(caseId), _settings.Policy, now, paged))
                queued += _commands.Execute(IncidentEvents.Sql, IncidentEvents.Parameters(key, PagerDutyAction.Resolve, _settings.PagerDutySinks, InstantNanos.ToNanos(now)));
        }
        return queued;
    }

    private void Count(string name, long delta = 1)
    {
        if (delta != 0) _counters[name] = _counters.GetValueOrDefault(name) + delta;
    }

    private void Discard()
    {
        _touchedCases.Clear();
        _newAlerts.Clear();
        _newSpikeAlerts.Clear();
        _newMessages.Clear();
        _counters.Clear();
        _audit.Clear();
        _tombstones.Clear();
        // Requests were not applied: let the callers retry.
        foreach (var (request, _) in _replies) request.Reply.TrySetException(new StorageUnavailableException("The change could not be stored."));
        _replies.Clear();
    }

    /// <summary>Pauses, then reloads the last committed position and wake-ups, pausing again while even that fails
    /// (the engine must outlive any storage fault). The pause is wall time, not the domain clock.</summary>
    private void ReloadAfterFailure(SqliteConnection connection, CancellationToken stoppingToken)
    {
        while (true)
        {
            Task.Delay(FailurePause, TimeProvider.System, stoppingToken).Wait(stoppingToken);
            try
            {
                Reload(connection);
                return;
            }
            catch (SqliteException e)
            {
                _health.StateFailed(e);
                _log.LogError(e, "The engine could not read its committed state; retrying.");
            }
        }
    }

    /// <summary>How long the engine waits after a failed commit before it tries again.</summary>
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(1);

    private void Reload(SqliteConnection connection)
    {
        using (var position = connection.CreateCommand())
        {
            position.CommandText = "SELECT value FROM engine WHERE name = 'processed_seq'";
            _processedSeq = position.ExecuteScalar() is long seq ? seq : 0;
        }
        ReloadSpikes(connection);
        _timers.Reload(connection, Now());
        _status = _status with { ProcessedSeq = _processedSeq, NextWakeUp = _timers.Next };
    }

    /// <summary>Puts back the spike streams as last committed (a damaged state starts its stream afresh, logged).</summary>
    private void ReloadSpikes(SqliteConnection connection)
    {
        if (_spikes is null) return;
        _spikes.Clear();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account, channel, state FROM spike_streams";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var account = reader.GetString(0);
            var channel = (Core.Mentions.Channel)reader.GetInt32(1);
            if (!PlatformAccountId.TryParse(account, out var id) || !Enum.IsDefined(channel) || !_spikes.TryRestore(new SpikeStream(id, channel), (byte[])reader[2]))
                _log.LogWarning("The stored spike baseline of {Account} channel {Channel} is unreadable; it is learnt again.", account, (int)channel);
        }
        _spikeView = _spikes.StreamCount == 0 ? SpikeView.Empty : new SpikeView(Now(), _spikes.Snapshots(Now()));
    }

    private void Sleep(CancellationToken stoppingToken)
    {
        var delay = LongestSleep;
        // A spike minute closes: evaluate it just after its end, not at the longest sleep.
        if (_spikes?.NextEvaluationAt is { } evaluation)
        {
            var untilEvaluation = (evaluation - Now()).ToTimeSpan();
            if (untilEvaluation <= TimeSpan.Zero) return;
            if (untilEvaluation < delay) delay = untilEvaluation + TimeSpan.FromMilliseconds(1);
        }
        // The earliest wake-up in memory or, with nothing uncommitted, when the horizon of those in memory moves on (with
        // something uncommitted, the commit deadline below comes first).
        var next = _timers.NextInMemory;
        if (_uncommittedSince is null && (next is null || _timers.AdvanceAt < next)) next = _timers.AdvanceAt;
        if (next is { } due)
        {
            var now = Now();
            if (due <= now) return;
            // Wake-ups are asked for a nanosecond after a threshold, finer than a timer's tick: round up to whole
            // ticks (else a due instant less than a tick away would never be slept to), and sleep a millisecond past
            // it so the wake-up finds now >= due.
            var untilDue = TimeSpan.FromTicks(((due - now).ToInt64Nanoseconds() + 99) / 100);
            if (untilDue < delay) delay = untilDue + TimeSpan.FromMilliseconds(1);
        }
        // The commit deadline is wall time (TimeProvider.System), the wake-ups are the domain clock's.
        var untilCommit = Timeout.InfiniteTimeSpan;
        if (_uncommittedSince is { } since)
        {
            untilCommit = CommitWithin - Stopwatch.GetElapsedTime(since);
            if (untilCommit <= TimeSpan.Zero) return;
        }
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var signal = _signal.Reader.WaitToReadAsync(wake.Token).AsTask();
        var timer = Task.Delay(delay, _time, wake.Token);
        var commit = Task.Delay(untilCommit, TimeProvider.System, wake.Token);
        Task.WaitAny([signal, timer, commit], stoppingToken);
        wake.Cancel();
        _signal.Reader.TryRead(out _);
    }

}

/// <summary>The spike streams at the engine's last evaluation: when, and each stream's rate against its baseline.</summary>
internal sealed record SpikeView(Instant? At, IReadOnlyList<(SpikeStream Stream, SpikeSnapshot Snapshot)> Streams)
{
    public static SpikeView Empty { get; } = new(null, []);
}

/// <summary>What the engine has done: the last inbox sequence applied, batches committed, alerts raised, the time of
/// the last commit and the next wake-up due.</summary>
internal sealed record EngineStatus(long ProcessedSeq, long Batches, long AlertsRaised, Instant? LastCommitAt, Instant? NextWakeUp);
