using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SocialSla.Core.Storage;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>Appends envelopes to the inbox with group commit: every envelope waiting when a commit starts shares it
/// (one fsync for many webhooks). <see cref="AppendAsync"/> completes only once its envelope is on disk.</summary>
/// <remarks>The commits run on a thread of their own: each blocks in SQLite's fsync, and on the thread pool that would
/// hold one of the few workers (two on a 2-core machine) that serve the requests.</remarks>
internal sealed class InboxWriter : IAsyncDisposable
{
    private const int MaxGroup = 512;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly ManualResetEventSlim _waiting = new(false);
    private volatile bool _closing;
    private readonly SqliteDatabase _database;
    private readonly Action _appended;
    private readonly DecodedEnvelopes? _decoded;
    private readonly StorageHealth? _health;
    private readonly Task _loop;
    private int _limits;

    private sealed record Pending(Envelope Envelope, TaskCompletionSource<long> Done);

    /// <param name="database">The store.</param>
    /// <param name="appended">Called after each commit (wakes the engine).</param>
    /// <param name="decoded">Where parsed bodies are handed to the engine, if anywhere.</param>
    /// <param name="health">Where each commit's outcome is recorded for <c>/healthz</c>, if anywhere.</param>
    public InboxWriter(SqliteDatabase database, Action appended, DecodedEnvelopes? decoded = null, StorageHealth? health = null)
    {
        _database = database;
        _appended = appended;
        _decoded = decoded;
        _health = health;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = done.Task;
        new Thread(() =>
        {
            try
            {
                Run();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "socialsla-inbox" }.Start();
    }

    /// <summary>Stores the envelope durably; returns its inbox sequence number.</summary>
    /// <exception cref="StorageUnavailableException">The store could not take it (nothing was stored).</exception>
    public Task<long> AppendAsync(Envelope envelope)
    {
        var pending = new Pending(envelope, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_closing)
        {
            pending.Done.SetException(new StorageUnavailableException("The inbox is shut down."));
            return pending.Done.Task;
        }
        _queue.Enqueue(pending);
        _waiting.Set();
        if (_loop.IsCompleted) FailLeftovers(); // raced the shutdown: refused, not left waiting
        return pending.Done.Task;
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        var group = new List<Pending>(MaxGroup);
        try
        {
            while (WaitForWork())
            {
                group.Clear();
                while (group.Count < MaxGroup && _queue.TryDequeue(out var next)) group.Add(next);
                try
                {
                    if (connection is null)
                    {
                        connection = _database.Open(durable: true, checkpointsInbox: false);
                        _limits = 0;
                    }
                    _database.ApplyLimits(connection, ref _limits);
                    var sequences = Commit(connection, group);
                    // Before the engine is woken: it must find the parsed form if it is to use it.
                    for (var i = 0; i < group.Count; i++)
                    {
                        if (group[i].Envelope.Decoded is { } batch) _decoded?.Add(sequences[i], batch);
                    }
                    _health?.InboxSucceeded();
                    for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(sequences[i]);
                    _appended();
                }
                catch (Exception e)
                {
                    // Whatever failed, this group was not stored; the loop must live on for the next one.
                    connection?.Dispose();
                    connection = null;
                    _health?.InboxFailed(e);
                    var reason = e is SqliteException sqlite ? $"SQLite error {sqlite.SqliteErrorCode}" : e.GetType().Name;
                    var failure = new StorageUnavailableException($"The inbox could not store the delivery ({reason}).", e);
                    foreach (var pending in group) pending.Done.TrySetException(failure);
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Blocks until an envelope waits (<see langword="true"/>) or the writer is closing and nothing waits.</summary>
    private bool WaitForWork()
    {
        while (_queue.IsEmpty)
        {
            if (_closing) return false;
            _waiting.Wait();
            _waiting.Reset();
        }
        return true;
    }

    private static long[] Commit(SqliteConnection connection, List<Pending> group)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO inbox(kind, source, received_at, body) VALUES ($kind, $source, $at, $body) RETURNING seq";
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var source = insert.Parameters.Add("$source", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var body = insert.Parameters.Add("$body", SqliteType.Blob);
        var sequences = new long[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            var envelope = group[i].Envelope;
            kind.Value = envelope.Kind;
            source.Value = envelope.Source;
            at.Value = InstantNanos.ToNanos(envelope.ReceivedAt);
            body.Value = envelope.Body;
            sequences[i] = (long)insert.ExecuteScalar()!;
        }
        transaction.Commit();
        return sequences;
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        _waiting.Set();
        await _loop.ConfigureAwait(false);
        FailLeftovers();
    }

    private void FailLeftovers()
    {
        while (_queue.TryDequeue(out var late)) late.Done.TrySetException(new StorageUnavailableException("The inbox is shut down."));
    }
}
