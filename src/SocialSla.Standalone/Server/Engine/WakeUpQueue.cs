using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Storage;

namespace SocialSla.Standalone.Server.Engine;

/// <summary>The cases' wake-ups the engine runs next. Every case's next wake-up is stored with it (<c>cases.next_wake</c>,
/// indexed); in memory are only those due up to a horizon about a <see cref="Window"/> ahead, so memory does not grow
/// with the live cases (a resolved case waits for its reopen window to end: days at thousands of cases a minute).</summary>
/// <remarks>
/// <para>Invariant: every stored wake-up at or before <see cref="LoadedThrough"/> is in the queue (or has run); a wake-up
/// the engine schedules past it is not kept here: it is stored with its case at the next commit, and loaded when the
/// horizon reaches it. So <see cref="Advance"/> must only run when nothing is uncommitted (the store then holds every
/// wake-up scheduled).</para>
/// <para>A superseded wake-up (its case has since asked for another instant) stays in the queue until due and then does
/// nothing (<c>MentionPipeline.WakeUp</c> checks); within one window that costs little. Loading stops at
/// <c>loadLimit</c> wake-ups (after a long stop, or a clock stepped far forwards, all may be due at once): the rest
/// come in the next steps, earliest first.</para>
/// <para>The engine thread's alone; not thread-safe.</para>
/// </remarks>
/// <param name="loadLimit">The most wake-ups loaded in one step (<see cref="DefaultLoadLimit"/>).</param>
internal sealed class WakeUpQueue(int loadLimit = WakeUpQueue.DefaultLoadLimit)
{
    /// <summary>How far past now the horizon is moved.</summary>
    public static readonly Duration Window = Duration.FromMinutes(1);

    /// <summary>How long before the horizon is reached it is moved on.</summary>
    public static readonly Duration Margin = Duration.FromSeconds(5);

    /// <summary>The most wake-ups loaded in one step, by default.</summary>
    public const int DefaultLoadLimit = 50_000;

    private readonly PriorityQueue<CaseId, Instant> _queue = new();
    private Instant? _beyond;

    /// <summary>Every stored wake-up at or before this instant is in the queue; none past it is.</summary>
    public Instant LoadedThrough { get; private set; } = Instant.MinValue;

    /// <summary>Wake-ups in memory (superseded ones included).</summary>
    public int Count => _queue.Count;

    /// <summary>The earliest wake-up in memory.</summary>
    public Instant? NextInMemory => _queue.TryPeek(out _, out var at) ? at : null;

    /// <summary>The earliest wake-up: in memory, else the earliest past the horizon (stored when the horizon last moved, or
    /// scheduled since; one since superseded may make it early, never late).</summary>
    public Instant? Next => NextInMemory ?? _beyond;

    /// <summary>Whether the horizon is to be moved on at <paramref name="now"/>.</summary>
    public bool MustAdvance(Instant now) => now + Margin >= LoadedThrough;

    /// <summary>When the horizon is to be moved on.</summary>
    public Instant AdvanceAt => LoadedThrough == Instant.MinValue ? Instant.MinValue : LoadedThrough - Margin;

    /// <summary>Takes in a wake-up the engine just scheduled (one past the horizon is left to the store).</summary>
    public void Schedule(CaseId id, Instant at)
    {
        if (at <= LoadedThrough) _queue.Enqueue(id, at);
        else if (_beyond is null || at < _beyond) _beyond = at;
    }

    /// <summary>Takes the earliest wake-up if it is due at <paramref name="now"/>.</summary>
    public bool TryTakeDue(Instant now, out CaseId id, out Instant due)
    {
        if (_queue.TryPeek(out id, out due) && due <= now)
        {
            _queue.Dequeue();
            return true;
        }
        return false;
    }

    /// <summary>Forgets everything and loads afresh from the store (at start, and after a failed commit).</summary>
    public void Reload(SqliteConnection connection, Instant now)
    {
        _queue.Clear();
        LoadedThrough = Instant.MinValue;
        _beyond = null;
        Advance(connection, now);
    }

    /// <summary>Moves the horizon to <paramref name="now"/> + <see cref="Window"/> (or as far as the load limit
    /// allows), loading the stored wake-ups it passes. Only when nothing is uncommitted (see the remarks).</summary>
    public void Advance(SqliteConnection connection, Instant now)
    {
        var target = now + Window;
        if (target <= LoadedThrough) return;
        var rows = Read(connection, "next_wake > $from AND next_wake <= $to ORDER BY next_wake LIMIT $limit", ("$limit", loadLimit + 1), ("$to", InstantNanos.ToNanos(target)));
        if (rows.Count <= loadLimit)
        {
            Take(rows, rows.Count);
            LoadedThrough = target;
        }
        else
        {
            // Whole instants only: the instant of the first row left over is loaded in the next step.
            var cut = rows[loadLimit].At;
            var taken = rows.FindIndex(r => r.At == cut);
            if (taken == 0)
            {
                // More than the limit at one instant: take that instant whole.
                rows = Read(connection, "next_wake = $to", ("$to", InstantNanos.ToNanos(cut)));
                Take(rows, rows.Count);
                LoadedThrough = cut;
            }
            else
            {
                Take(rows, taken);
                LoadedThrough = cut - Duration.Epsilon;
            }
        }
        _beyond = ReadEarliestBeyond(connection);
    }

    private void Take(List<(CaseId Id, Instant At)> rows, int count)
    {
        for (var i = 0; i < count; i++) _queue.Enqueue(rows[i].Id, rows[i].At);
    }

    private List<(CaseId Id, Instant At)> Read(SqliteConnection connection, string condition, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, next_wake FROM cases WHERE {condition}";
        if (condition.Contains("$from", StringComparison.Ordinal))
            command.Parameters.AddWithValue("$from", LoadedThrough == Instant.MinValue ? long.MinValue : InstantNanos.ToNanos(LoadedThrough));
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var rows = new List<(CaseId, Instant)>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add((new CaseId(reader.GetString(0)), InstantNanos.FromNanos(reader.GetInt64(1))));
        return rows;
    }

    private Instant? ReadEarliestBeyond(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(next_wake) FROM cases WHERE next_wake > $from";
        command.Parameters.AddWithValue("$from", InstantNanos.ToNanos(LoadedThrough));
        return command.ExecuteScalar() is long nanos ? InstantNanos.FromNanos(nanos) : null;
    }
}
