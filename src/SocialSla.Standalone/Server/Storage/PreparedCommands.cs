using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>The statements of one long-lived connection, compiled once per SQL text and run through SQLite's C API
/// (the engine runs several per delivery, thousands a second).</summary>
/// <remarks>
/// <para>Microsoft.Data.Sqlite looks up every parameter by name and builds a reader per execution, which cost about a
/// fifth of the engine's time; here each statement's parameter positions are looked up once.</para>
/// <para>Statements run in the connection's current transaction (SQLite's transactions belong to the connection);
/// every use resets its statement, so none holds a read lock afterwards. Not thread-safe, like the connection.</para>
/// </remarks>
internal sealed class PreparedCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, Statement> _bySql = new(StringComparer.Ordinal);

    /// <summary>Runs a statement that returns no rows; the number of rows it changed.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var statement = Start(sql, parameters);
        while (statement.Read()) { }
        return raw.sqlite3_changes(connection.Handle);
    }

    /// <summary>The first column of the first row (<see langword="long"/>, <see langword="double"/>,
    /// <see langword="string"/> or <see cref="byte"/>[]), or <see langword="null"/> when there is no row or it is NULL.</summary>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var statement = Start(sql, parameters);
        return statement.Read() ? statement.GetValue(0) : null;
    }

    /// <summary>Binds a statement for reading its rows with <see cref="Statement.Read"/>; dispose it when done.</summary>
    public Statement Start(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_bySql.TryGetValue(sql, out var statement))
        {
            statement = new Statement(connection, sql);
            _bySql[sql] = statement;
        }
        statement.Bind(parameters);
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in _bySql.Values) statement.Close();
        _bySql.Clear();
    }

    /// <summary>One compiled statement. <see cref="Dispose"/> resets it for its next use (it stays compiled).</summary>
    internal sealed class Statement : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly sqlite3_stmt _handle;
        private string[] _names = [];
        private int[] _positions = [];

        public Statement(SqliteConnection connection, string sql)
        {
            _connection = connection;
            var rc = raw.sqlite3_prepare_v3(connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out _handle);
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        public void Bind((string Name, object? Value)[] parameters)
        {
            if (!SameNames(parameters)) Resolve(parameters);
            for (var i = 0; i < parameters.Length; i++)
            {
                var position = _positions[i];
                var rc = parameters[i].Value switch
                {
                    null or DBNull => raw.sqlite3_bind_null(_handle, position),
                    long value => raw.sqlite3_bind_int64(_handle, position, value),
                    int value => raw.sqlite3_bind_int64(_handle, position, value),
                    string value => BindText(position, value),
                    byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(_handle, position, 0), // not NULL, as an empty span would be
                    byte[] value => raw.sqlite3_bind_blob(_handle, position, value),
                    double value => raw.sqlite3_bind_double(_handle, position, value),
                    var other => throw new ArgumentException($"Parameter {parameters[i].Name} has a type SQLite cannot store: {other.GetType()}."),
                };
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }
        }

        private int BindText(int position, string value)
        {
            // An empty span pins as a null pointer, which SQLite binds as NULL, not as ''.
            if (value.Length == 0) return raw.sqlite3_bind_text(_handle, position, value);
            // Encoded into a reused buffer (SQLite copies it): the string overload allocates an array per call.
            var length = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
            if (length > _utf8.Length) _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
            var written = System.Text.Encoding.UTF8.GetBytes(value, _utf8);
            return raw.sqlite3_bind_text(_handle, position, _utf8.AsSpan(0, written));
        }

        private byte[] _utf8 = new byte[256];

        /// <summary>Steps to the next row; <see langword="false"/> when there are no more.</summary>
        public bool Read()
        {
            var rc = raw.sqlite3_step(_handle);
            if (rc == raw.SQLITE_ROW) return true;
            if (rc == raw.SQLITE_DONE) return false;
            raw.sqlite3_reset(_handle);
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            return false;
        }

        public bool IsNull(int column) => raw.sqlite3_column_type(_handle, column) == raw.SQLITE_NULL;

        public long GetInt64(int column) => raw.sqlite3_column_int64(_handle, column);

        public string GetString(int column) => raw.sqlite3_column_text(_handle, column).utf8_to_string();

        public string? GetStringOrNull(int column) => IsNull(column) ? null : GetString(column);

        public byte[] GetBlob(int column) => raw.sqlite3_column_blob(_handle, column).ToArray();

        public object? GetValue(int column) => raw.sqlite3_column_type(_handle, column) switch
        {
            raw.SQLITE_INTEGER => GetInt64(column),
            raw.SQLITE_FLOAT => raw.sqlite3_column_double(_handle, column),
            raw.SQLITE_TEXT => GetString(column),
            raw.SQLITE_BLOB => GetBlob(column),
            _ => null,
        };

        public void Dispose() => raw.sqlite3_reset(_handle);

        /// <summary>Frees the compiled statement.</summary>
        public void Close() => _handle.Dispose();

        private bool SameNames((string Name, object? Value)[] parameters)
        {
            if (_names.Length != parameters.Length) return false;
            for (var i = 0; i < parameters.Length; i++)
                if (!ReferenceEquals(_names[i], parameters[i].Name) && _names[i] != parameters[i].Name) return false;
            return true;
        }

        private void Resolve((string Name, object? Value)[] parameters)
        {
            raw.sqlite3_clear_bindings(_handle);
            _names = new string[parameters.Length];
            _positions = new int[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var position = raw.sqlite3_bind_parameter_index(_handle, parameters[i].Name);
                if (position == 0) throw new ArgumentException($"The statement has no parameter {parameters[i].Name}.");
                _names[i] = parameters[i].Name;
                _positions[i] = position;
            }
        }
    }
}
