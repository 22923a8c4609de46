using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Health;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>How the server's writes are going, per file, for <c>/healthz</c>: the inbox (webhook acknowledgements and
/// pulled pages) and the state (the engine's commits). Safe to use from any thread.</summary>
internal sealed class StorageHealth(TimeProvider time)
{
    private WriteHealth _inbox = WriteHealth.Ok;
    private WriteHealth _state = WriteHealth.Ok;

    /// <summary>The inbox's writes.</summary>
    public WriteHealth Inbox => Volatile.Read(ref _inbox);

    /// <summary>The engine's commits to the state file.</summary>
    public WriteHealth State => Volatile.Read(ref _state);

    public void InboxSucceeded() => Update(ref _inbox, health => health.Succeeded());

    public void InboxFailed(Exception error) => Update(ref _inbox, health => health.Failed(Now(), ReasonOf(error)));

    public void StateSucceeded() => Update(ref _state, health => health.Succeeded());

    public void StateFailed(Exception error) => Update(ref _state, health => health.Failed(Now(), ReasonOf(error)));

    /// <summary>A failure's reason without message text: the SQLite error code and its name, or the exception's type.</summary>
    public static string ReasonOf(Exception error) => error switch
    {
        SqliteException sqlite => $"SQLite error {sqlite.SqliteErrorCode} ({NameOf(sqlite.SqliteErrorCode)})",
        StorageUnavailableException { InnerException: { } inner } => ReasonOf(inner),
        _ => error.GetType().Name,
    };

    private static string NameOf(int code) => (code & 0xff) switch
    {
        5 => "database is locked by another writer",
        6 => "table locked",
        10 => "I/O error",
        13 => "database or disk is full",
        14 => "cannot open the file",
        _ => "see the SQLite result codes",
    };

    private Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    private static void Update(ref WriteHealth field, Func<WriteHealth, WriteHealth> change)
    {
        while (true)
        {
            var before = Volatile.Read(ref field);
            var after = change(before);
            if (ReferenceEquals(before, after) || ReferenceEquals(Interlocked.CompareExchange(ref field, after, before), before)) return;
        }
    }
}
