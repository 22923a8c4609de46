using Microsoft.Data.Sqlite;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>The SQLite files that hold the server's state, in WAL mode (readers never blocked): the state file and,
/// beside it, the inbox file (<c>*.inbox.db</c>: raw envelopes and pull cursors). Every connection has both, the inbox
/// attached, so queries name tables without a schema.</summary>
/// <remarks>Two files because SQLite allows one writer per file: acknowledging a webhook (an inbox append) must never
/// wait for the engine's batch commit to the state file. Transactions are deferred, so each takes the write lock of
/// only the file it writes.</remarks>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;

    /// <param name="path">The state file.</param>
    /// <param name="busyTimeout">How long a write waits for another connection's write lock before it fails with
    /// SQLITE_BUSY (default 30 s).</param>
    public SqliteDatabase(string path, TimeSpan? busyTimeout = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        InboxPath = InboxPathOf(Path);
        _busyTimeoutMilliseconds = (int)(busyTimeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = Math.Max(1, _busyTimeoutMilliseconds / 1000) }.ToString();
    }

    /// <summary>The most pages each file may grow to, for every connection (SQLite's <c>max_page_count</c>), 0 for
    /// SQLite's own limit; a value below a file's size holds it at its size. A write that needs more fails with
    /// SQLITE_FULL, as on a full disk, and is rolled back: the fault tests make the disk full with it and give the
    /// space back.</summary>
    /// <remarks>Connections opened before a change apply it before their next write (<see cref="ApplyLimits"/>).</remarks>
    public void SetPageLimits(long state, long inbox)
    {
        lock (_limitGate)
        {
            _pageLimits = (state, inbox);
            _limitVersion++;
        }
    }

    private readonly object _limitGate = new();
    private (long State, long Inbox) _pageLimits;
    private volatile int _limitVersion;

    /// <summary>Brings a long-lived connection's page limits up to date; <paramref name="appliedVersion"/> is the
    /// connection's own record of what it applied (0 for none).</summary>
    public void ApplyLimits(SqliteConnection connection, ref int appliedVersion)
    {
        if (_limitVersion == appliedVersion) return;
        (long State, long Inbox) limits;
        int version;
        lock (_limitGate) (limits, version) = (_pageLimits, _limitVersion);
        using var command = connection.CreateCommand();
        // SQLite's default is 4294967294 pages.
        command.CommandText = $"PRAGMA main.max_page_count={Limit(limits.State)}; PRAGMA inbox_file.max_page_count={Limit(limits.Inbox)};";
        command.ExecuteNonQuery();
        appliedVersion = version;

        static long Limit(long pages) => pages > 0 ? pages : 4294967294L;
    }

    /// <summary>The state file.</summary>
    public string Path { get; }

    /// <summary>The inbox file beside it.</summary>
    public string InboxPath { get; }

    /// <summary>The inbox file of a state file: <c>state.db</c> → <c>state.inbox.db</c>.</summary>
    public static string InboxPathOf(string path) =>
        System.IO.Path.GetExtension(path) == ".db" ? System.IO.Path.ChangeExtension(path, ".inbox.db") : path + ".inbox";

    /// <summary>Creates the schema if the file is new; safe to call on every start.</summary>
    public void EnsureCreated()
    {
        foreach (var (file, schema) in new[] { (InboxPath, InboxSchema), (Path, Schema) })
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; " + schema;
            command.ExecuteNonQuery();
            if (file == Path) Upgrade(connection);
        }
    }

    /// <summary>Adds what later versions added to a state file made by an earlier one.</summary>
    private static void Upgrade(SqliteConnection connection)
    {
        if (!HasColumn(connection, "deliveries", "unless_acked")) Run(connection, "ALTER TABLE deliveries ADD COLUMN unless_acked INTEGER NOT NULL DEFAULT 0");
        // Storm control records the group an alert's delivery was folded into.
        if (!HasColumn(connection, "deliveries", "group_id")) Run(connection, "ALTER TABLE deliveries ADD COLUMN group_id TEXT");
        // KPI rows gained the routing queue and tags in their key: earlier rows had neither ('').
        if (!HasColumn(connection, "kpis", "queue"))
        {
            Run(connection, """
                BEGIN;
                ALTER TABLE kpis RENAME TO kpis_before_routing;
                CREATE TABLE kpis(
                    account TEXT NOT NULL, channel INTEGER NOT NULL, priority INTEGER NOT NULL, queue TEXT NOT NULL, tags TEXT NOT NULL,
                    hour INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY(account, channel, priority, queue, tags, hour)) WITHOUT ROWID;
                INSERT INTO kpis(account, channel, priority, queue, tags, hour, data)
                    SELECT account, channel, priority, '', '', hour, data FROM kpis_before_routing;
                DROP TABLE kpis_before_routing;
                COMMIT;
                """);
        }
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Opens a connection. <paramref name="durable"/> makes every commit reach the disk before it returns
    /// (what an acknowledged webhook needs); otherwise a commit survives a process crash but maybe not a power cut.</summary>
    /// <param name="durable">Every commit reaches the disk before it returns.</param>
    /// <param name="checkpointsInbox">Whether commits on this connection may copy the inbox's write-ahead log into the
    /// inbox file (SQLite's automatic checkpoint). The inbox writer says no: a checkpoint in its commit would hold up
    /// every webhook waiting for it; the engine checkpoints the inbox instead (<see cref="CheckpointInbox"/>).</param>
    public SqliteConnection Open(bool durable = false, bool checkpointsInbox = true)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        var synchronous = durable ? "FULL" : "NORMAL";
        // secure_delete: what a delete or an update frees is overwritten with zeros, so erased personal data and
        // deleted messages leave the file's pages (issue #8), not only its tables.
        command.CommandText = $"PRAGMA busy_timeout={_busyTimeoutMilliseconds}; ATTACH DATABASE $inbox AS inbox_file; PRAGMA main.synchronous={synchronous}; PRAGMA inbox_file.synchronous={synchronous};"
            + " PRAGMA main.secure_delete=ON; PRAGMA inbox_file.secure_delete=ON;"
            + (checkpointsInbox ? "" : " PRAGMA inbox_file.wal_autocheckpoint=0;");
        command.Parameters.AddWithValue("$inbox", InboxPath);
        command.ExecuteNonQuery();
        var applied = 0;
        if (_limitVersion != 0) ApplyLimits(connection, ref applied);
        return connection;
    }

    /// <summary>Copies what it can of the inbox's write-ahead log into the inbox file without waiting for (or holding
    /// up) the inbox writer.</summary>
    public static void CheckpointInbox(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA inbox_file.wal_checkpoint(PASSIVE);";
        command.ExecuteNonQuery();
    }

    /// <summary>Whether the inbox can take a delivery now: commits a 4 KiB row and its deletion in one durable
    /// transaction (new pages and a write-ahead log append, as an acknowledgement needs), leaving no row behind.</summary>
    /// <exception cref="SqliteException">It cannot (locked past the busy timeout, full, an I/O error).</exception>
    public void ProbeInbox()
    {
        using var connection = Open(durable: true, checkpointsInbox: false);
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO probe(body) VALUES (zeroblob(4096)); DELETE FROM probe;";
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Copies both write-ahead logs into their files and truncates the logs to zero bytes, so page images
    /// older than the last commit (which may hold erased data) leave the disk; waits (busy timeout) for readers and
    /// the inbox writer.</summary>
    /// <returns>Whether both logs were emptied (not when a reader kept an old snapshot past the busy timeout).</returns>
    public static bool TruncateLogs(SqliteConnection connection)
    {
        var emptied = true;
        foreach (var schema in new[] { "main", "inbox_file" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {schema}.wal_checkpoint(TRUNCATE);";
            using var reader = command.ExecuteReader();
            // One row: busy (1 when it could not finish), log frames, frames checkpointed.
            if (reader.Read() && reader.GetInt64(0) != 0) emptied = false;
        }
        return emptied;
    }

    /// <summary>Rebuilds both files (VACUUM), leaving no free page behind, then empties the logs; for the offline
    /// <c>socialsla erase</c> (it holds each file's write lock for as long as it runs).</summary>
    public static void Vacuum(SqliteConnection connection)
    {
        foreach (var schema in new[] { "main", "inbox_file" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"VACUUM {schema};";
            command.ExecuteNonQuery();
        }
        TruncateLogs(connection);
    }

    private const string InboxSchema = """
        CREATE TABLE IF NOT EXISTS inbox(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            body BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS cursors(source TEXT PRIMARY KEY, cursor TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS probe(id INTEGER PRIMARY KEY, body BLOB NOT NULL);
        """;

    private const string Schema = """
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
            unless_acked INTEGER NOT NULL DEFAULT 0,
            group_id TEXT,
            PRIMARY KEY(alert_id, sink)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries(next_attempt) WHERE status = 'pending';
        CREATE TABLE IF NOT EXISTS storm_groups(
            id TEXT PRIMARY KEY,
            sink TEXT NOT NULL,
            account TEXT NOT NULL,
            level TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            count INTEGER NOT NULL,
            cases TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            closed_at INTEGER) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS incident_events(
            id TEXT NOT NULL,
            sink TEXT NOT NULL,
            kind TEXT NOT NULL,
            incident TEXT NOT NULL,
            body BLOB NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt INTEGER NOT NULL,
            delivered_at INTEGER,
            last_error TEXT,
            PRIMARY KEY(id, sink)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS incident_events_pending ON incident_events(next_attempt) WHERE status = 'pending';
        CREATE INDEX IF NOT EXISTS incident_events_by_incident ON incident_events(incident, sink);
        CREATE TABLE IF NOT EXISTS kpis(
            account TEXT NOT NULL, channel INTEGER NOT NULL, priority INTEGER NOT NULL, queue TEXT NOT NULL, tags TEXT NOT NULL,
            hour INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY(account, channel, priority, queue, tags, hour)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS spike_streams(
            account TEXT NOT NULL, channel INTEGER NOT NULL, state BLOB NOT NULL,
            PRIMARY KEY(account, channel)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS audit(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT);
        """;
}
