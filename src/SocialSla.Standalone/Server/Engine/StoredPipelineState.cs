using Microsoft.Data.Sqlite;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using NodaTime;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Engine;

/// <summary>The pipeline's state kept in SQLite: reads go through a cache to the file; writes collect in memory
/// and reach the file in <see cref="Flush"/>, inside the engine's batch transaction, so a batch is applied whole or
/// not at all.</summary>
/// <remarks>Not thread-safe: the engine's loop is its only user. After a failed commit call <see cref="Reset"/>:
/// the file still holds the last committed state.</remarks>
internal sealed class StoredPipelineState : IPipelineState
{
    // Small on purpose: entries that outlive a batch or two get promoted and die old, and full collections of that
    // garbage were the tail of webhook acknowledgement (p99 63 → 18 ms at 5,000/s with 200,000 → 1,000 entries);
    // every lookup past it is one indexed SQLite read.
    private const int CacheLimit = 1_000;
    private readonly PreparedCommands _commands;
    private readonly SlaPolicy _policy;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _newlySeen = [];
    private readonly Dictionary<MentionId, string> _roots = [];
    private readonly Dictionary<MentionId, string> _newRoots = [];
    private readonly Dictionary<ConversationKey, ConversationRecord?> _conversations = [];
    private readonly HashSet<ConversationKey> _dirtyConversations = [];
    private readonly Dictionary<CaseId, CaseState?> _cases = [];
    private readonly Dictionary<CaseId, CaseChange> _dirtyCases = [];
    private readonly List<(CaseId From, CaseId Into)> _merges = [];

    /// <summary>What happened to a case in the current batch.</summary>
    private enum CaseChange { Put, Closed, Merged }

    public StoredPipelineState(PreparedCommands commands, SlaPolicy policy)
    {
        _commands = commands;
        _policy = policy;
    }

    public bool TryMarkSeen(IdempotencyKey key)
    {
        var text = key.ToString();
        if (_seen.Contains(text)) return false;
        _seen.Add(text);
        if (_commands.Scalar("SELECT 1 FROM seen WHERE key = $k", ("$k", text)) is not null) return false;
        _newlySeen.Add(text);
        return true;
    }

    /// <summary>Whether a key was seen, without marking it (an add checks whether its delete came first).</summary>
    public bool WasSeen(IdempotencyKey key)
    {
        var text = key.ToString();
        return _seen.Contains(text) || _commands.Scalar("SELECT 1 FROM seen WHERE key = $k", ("$k", text)) is not null;
    }

    /// <summary>Forgets the cached rows (not what is waiting for the flush), after the file was changed under the
    /// cache (an erasure, a tombstone).</summary>
    public void ForgetCached()
    {
        if (_dirtyCases.Count > 0) throw new InvalidOperationException("Unflushed case changes would be lost.");
        ClearCaches();
    }

    public bool TryGetChainRoot(MentionId message, out string root)
    {
        if (_roots.TryGetValue(message, out root!)) return true;
        if (_commands.Scalar("SELECT root FROM chain_roots WHERE message = $m", ("$m", message.ToString())) is not string stored) return false;
        _roots[message] = root = stored;
        return true;
    }

    public void SetChainRoot(MentionId message, string root)
    {
        _roots[message] = root;
        _newRoots[message] = root;
    }

    public bool TryGetConversation(ConversationKey key, out ConversationRecord record)
    {
        if (!_conversations.TryGetValue(key, out var cached))
        {
            using (var row = _commands.Start("SELECT current_case, generation, merged_into FROM conversations WHERE key = $k", ("$k", KeyText(key))))
            {
                cached = row.Read()
                    ? new ConversationRecord(row.GetStringOrNull(0) is { } current ? new CaseId(current) : null, (int)row.GetInt64(1), row.GetStringOrNull(2))
                    : null;
            }
            _conversations[key] = cached;
        }
        record = cached ?? default;
        return cached is not null;
    }

    public void SetConversation(ConversationKey key, ConversationRecord record)
    {
        _conversations[key] = record;
        _dirtyConversations.Add(key);
    }

    public CaseState? GetCase(CaseId id)
    {
        // Closed or merged away in this batch: gone, as in every store (the cache keeps its state only for the flush).
        if (_dirtyCases.TryGetValue(id, out var change) && change != CaseChange.Put) return null;
        if (_cases.TryGetValue(id, out var cached)) return cached;
        var state = _commands.Scalar("SELECT state FROM cases WHERE id = $id AND status NOT IN ('closed', 'merged')", ("$id", id.Value)) is byte[] bytes
            ? CaseStateJson.Read(bytes, _policy) : null;
        _cases[id] = state;
        return state;
    }

    public void PutCase(CaseState state)
    {
        _cases[state.Id] = state;
        _dirtyCases[state.Id] = CaseChange.Put;
    }

    public void RemoveCase(CaseId id)
    {
        // Keep the last state in the cache until the flush has written it as closed.
        _dirtyCases[id] = CaseChange.Closed;
    }

    public void MergeCase(CaseId from, CaseId into)
    {
        _dirtyCases[from] = CaseChange.Merged;
        _merges.Add((from, into));
    }

    /// <summary>Writes everything changed since the last flush, in the caller's transaction.</summary>
    public void Flush(SqliteTransaction transaction, Func<CaseState, (Instant? OpenedAt, Instant? NextThreshold)> describe, Instant now)
    {
        foreach (var key in _newlySeen) Execute("INSERT OR IGNORE INTO seen(key) VALUES ($k)", ("$k", key));
        foreach (var (message, root) in _newRoots)
            Execute("INSERT INTO chain_roots(message, root) VALUES ($m, $r) ON CONFLICT(message) DO UPDATE SET root = excluded.root", ("$m", message.ToString()), ("$r", root));
        foreach (var key in _dirtyConversations)
        {
            var record = _conversations[key]!.Value;
            Execute("""
                INSERT INTO conversations(key, current_case, generation, merged_into) VALUES ($k, $c, $g, $m)
                ON CONFLICT(key) DO UPDATE SET current_case = excluded.current_case, generation = excluded.generation, merged_into = excluded.merged_into
                """, ("$k", KeyText(key)), ("$c", record.CurrentCase?.Value), ("$g", record.Generation), ("$m", record.MergedInto));
        }
        foreach (var (id, change) in _dirtyCases)
        {
            var state = _cases.GetValueOrDefault(id);
            if (change == CaseChange.Put && state is not null)
            {
                var (openedAt, nextThreshold) = describe(state);
                Execute("""
                    INSERT INTO cases(id, account, channel, priority, status, opened_at, next_wake, next_threshold, updated_at, state)
                    VALUES ($id, $account, $channel, $priority, $status, $opened, $wake, $threshold, $now, $state)
                    ON CONFLICT(id) DO UPDATE SET priority = excluded.priority, status = excluded.status, opened_at = excluded.opened_at,
                        next_wake = excluded.next_wake, next_threshold = excluded.next_threshold, updated_at = excluded.updated_at, state = excluded.state
                    """,
                    ("$id", id.Value), ("$account", state.Account.ToString()), ("$channel", state.Channel.ToWireName()),
                    ("$priority", state.Priority.ToString().ToLowerInvariant()), ("$status", StatusName(state.Status)),
                    ("$opened", Nanos(openedAt)), ("$wake", Nanos(state.NextWakeUp)), ("$threshold", Nanos(nextThreshold)),
                    ("$now", InstantNanos.ToNanos(now)), ("$state", CaseStateJson.ToUtf8(state)));
            }
            else
            {
                var status = change == CaseChange.Merged ? "merged" : "closed";
                if (state is not null)
                {
                    // Write the final state too: the case API still shows a closed case.
                    Execute("""
                        INSERT INTO cases(id, account, channel, priority, status, opened_at, next_wake, next_threshold, updated_at, state)
                        VALUES ($id, $account, $channel, $priority, $status, NULL, NULL, NULL, $now, $state)
                        ON CONFLICT(id) DO UPDATE SET status = excluded.status, next_wake = NULL, next_threshold = NULL,
                            updated_at = excluded.updated_at, state = excluded.state
                        """,
                        ("$id", id.Value), ("$account", state.Account.ToString()), ("$channel", state.Channel.ToWireName()),
                        ("$priority", state.Priority.ToString().ToLowerInvariant()), ("$status", status),
                        ("$now", InstantNanos.ToNanos(now)), ("$state", CaseStateJson.ToUtf8(state with { Status = CaseStatus.Closed, NextWakeUp = null })));
                }
                _cases[id] = null;
            }
        }
        foreach (var (from, into) in _merges)
        {
            Execute("UPDATE messages SET case_id = $into WHERE case_id = $from", ("$into", into.Value), ("$from", from.Value));
            Execute("UPDATE alerts SET case_id = $into WHERE case_id = $from", ("$into", into.Value), ("$from", from.Value));
        }
        ClearDirty();
        if (_seen.Count + _roots.Count + _conversations.Count + _cases.Count > CacheLimit) ClearCaches();
    }

    /// <summary>Forgets everything not yet flushed, after a failed commit.</summary>
    public void Reset()
    {
        ClearDirty();
        ClearCaches();
    }

    private void ClearDirty()
    {
        _newlySeen.Clear();
        _newRoots.Clear();
        _dirtyConversations.Clear();
        _dirtyCases.Clear();
        _merges.Clear();
    }

    private void ClearCaches()
    {
        _seen.Clear();
        _roots.Clear();
        _conversations.Clear();
        _cases.Clear();
    }

    internal static string StatusName(CaseStatus status) => status switch
    {
        CaseStatus.NotOpened => "notOpened",
        CaseStatus.Open => "open",
        CaseStatus.Resolved => "resolved",
        _ => "closed",
    };

    private static string KeyText(ConversationKey key) => $"{key.Platform.ToWireName()}|{key.Scope}|{key.Key}";

    private static object? Nanos(Instant? instant) => instant is { } value ? InstantNanos.ToNanos(value) : null;

    private void Execute(string sql, params (string Name, object? Value)[] parameters) => _commands.Execute(sql, parameters);
}
