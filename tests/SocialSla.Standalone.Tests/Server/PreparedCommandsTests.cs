using Microsoft.Data.Sqlite;
using SocialSla.Standalone.Server.Storage;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>The engine's statements bound through SQLite's C API store exactly what Microsoft.Data.Sqlite would.</summary>
public sealed class PreparedCommandsTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly SqliteConnection _connection;
    private readonly PreparedCommands _commands;

    public PreparedCommandsTests()
    {
        _connection = new SqliteConnection($"Data Source={Path.Combine(_files.Folder, "p.db")}");
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t(k TEXT PRIMARY KEY, n INTEGER, s TEXT, b BLOB, r REAL)";
        create.ExecuteNonQuery();
        _commands = new PreparedCommands(_connection);
    }

    public void Dispose()
    {
        _commands.Dispose();
        _connection.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void Values_round_trip_with_their_types_and_empty_values_are_not_null()
    {
        const string insert = "INSERT INTO t(k, n, s, b, r) VALUES ($k, $n, $s, $b, $r)";
        _commands.Execute(insert, ("$k", "full"), ("$n", 9_007_199_254_740_993L), ("$s", "café ☕ 𝄞"), ("$b", new byte[] { 0, 1, 255 }), ("$r", 0.5));
        _commands.Execute(insert, ("$k", "empty"), ("$n", 0), ("$s", ""), ("$b", Array.Empty<byte>()), ("$r", null));

        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT n, s, b, r, typeof(s), typeof(b), typeof(r) FROM t WHERE k = $k";
        read.Parameters.AddWithValue("$k", "full");
        using (var row = read.ExecuteReader())
        {
            Assert.True(row.Read());
            Assert.Equal(9_007_199_254_740_993L, row.GetInt64(0));
            Assert.Equal("café ☕ 𝄞", row.GetString(1));
            Assert.Equal(new byte[] { 0, 1, 255 }, (byte[])row[2]);
            Assert.Equal(0.5, row.GetDouble(3));
        }
        read.Parameters["$k"].Value = "empty";
        using (var row = read.ExecuteReader())
        {
            Assert.True(row.Read());
            Assert.Equal(("text", "blob", "null"), (row.GetString(4), row.GetString(5), row.GetString(6)));
            Assert.Equal("", row.GetString(1));
        }
    }

    [Fact]
    public void A_statement_reused_with_other_values_or_parameter_order_binds_each_by_name()
    {
        const string insert = "INSERT INTO t(k, n, s) VALUES ($k, $n, $s)";
        _commands.Execute(insert, ("$k", "a"), ("$n", 1L), ("$s", "one"));
        _commands.Execute(insert, ("$s", "two"), ("$k", "b"), ("$n", 2L));

        Assert.Equal("one", _commands.Scalar("SELECT s FROM t WHERE k = $k AND n = $n", ("$k", "a"), ("$n", 1L)));
        Assert.Equal("two", _commands.Scalar("SELECT s FROM t WHERE k = $k AND n = $n", ("$n", 2L), ("$k", "b")));
        Assert.Null(_commands.Scalar("SELECT s FROM t WHERE k = $k AND n = $n", ("$k", "b"), ("$n", 1L)));
    }

    [Fact]
    public void Rows_are_read_in_order_and_a_statement_left_early_does_not_hold_its_read()
    {
        for (var i = 0; i < 5; i++) _commands.Execute("INSERT INTO t(k, n) VALUES ($k, $n)", ("$k", $"k{i}"), ("$n", (long)i));
        var seen = new List<long>();
        using (var rows = _commands.Start("SELECT n FROM t ORDER BY n DESC"))
        {
            while (rows.Read()) seen.Add(rows.GetInt64(0));
        }
        Assert.Equal([4L, 3, 2, 1, 0], seen);

        using (var rows = _commands.Start("SELECT n FROM t ORDER BY n")) Assert.True(rows.Read()); // left after one row

        // A statement still stepping would keep its table in use: SQLite refuses to drop it (SQLITE_LOCKED).
        using var journal = _connection.CreateCommand();
        journal.CommandText = "DROP TABLE t";
        journal.ExecuteNonQuery();
    }

    [Fact]
    public void A_failing_statement_throws_a_SqliteException_and_the_statement_stays_usable()
    {
        _commands.Execute("INSERT INTO t(k) VALUES ($k)", ("$k", "dup"));
        var error = Assert.Throws<SqliteException>(() => _commands.Execute("INSERT INTO t(k) VALUES ($k)", ("$k", "dup")));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(1, _commands.Execute("INSERT INTO t(k) VALUES ($k)", ("$k", "other")));
    }
}
