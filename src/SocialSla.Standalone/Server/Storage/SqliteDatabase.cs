using Microsoft.Data.Sqlite;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>The one SQLite file that holds the server's state, in WAL mode: one writer at a time, readers never
/// blocked. Opens connections with the pragmas every user needs.</summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Creates the schema if the file is new; safe to call on every start.</summary>
    public void EnsureCreated()
    {
        using var connection = Open(durable: true);
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    /// <summary>Opens a connection. <paramref name="durable"/> makes every commit reach the disk before it returns
    /// (what an acknowledged webhook needs); otherwise a commit survives a process crash but maybe not a power cut.</summary>
    public SqliteConnection Open(bool durable = false)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout=30000; PRAGMA synchronous={(durable ? "FULL" : "NORMAL")}; PRAGMA foreign_keys=OFF;";
        command.ExecuteNonQuery();
        return connection;
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS inbox(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            body BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS engine(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS seen(key TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS chain_roots(message TEXT PRIMARY KEY, root TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS conversations(
            key TEXT PRIMARY KEY, current_case TEXT, generation INTEGER NOT NULL, merged_into TEXT) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS cases(
            id TEXT PRIMARY KEY,
            account TEXT NOT NULL,
            channel TEXT NOT NULL,
            priority TEXT NOT NULL,
            status TEXT NOT NULL,
            opened_at INTEGER,
            next_wake INTEGER,
            next_threshold INTEGER,
            updated_at INTEGER NOT NULL,
            state BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS cases_by_wake ON cases(next_wake) WHERE next_wake IS NOT NULL;
        CREATE INDEX IF NOT EXISTS cases_by_status ON cases(status, next_threshold);
        CREATE TABLE IF NOT EXISTS messages(
            id TEXT PRIMARY KEY,
            case_id TEXT,
            account TEXT NOT NULL,
            from_brand INTEGER NOT NULL,
            author_id TEXT NOT NULL,
            handle TEXT,
            text TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            url TEXT,
            verb TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS messages_by_case ON messages(case_id, created_at);
        CREATE TABLE IF NOT EXISTS alerts(
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL,
            account TEXT NOT NULL,
            kind TEXT NOT NULL,
            threshold_at INTEGER NOT NULL,
            raised_at INTEGER NOT NULL,
            body BLOB NOT NULL,
            acked_at INTEGER,
            acked_by TEXT);
        CREATE INDEX IF NOT EXISTS alerts_by_case ON alerts(case_id);
        CREATE TABLE IF NOT EXISTS deliveries(
            alert_id TEXT NOT NULL,
            sink TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt INTEGER NOT NULL,
            delivered_at INTEGER,
            last_error TEXT,
            PRIMARY KEY(alert_id, sink)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries(next_attempt) WHERE status = 'pending';
        CREATE TABLE IF NOT EXISTS kpis(
            account TEXT NOT NULL, channel INTEGER NOT NULL, priority INTEGER NOT NULL, hour INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY(account, channel, priority, hour)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS cursors(source TEXT PRIMARY KEY, cursor TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        """;
}
