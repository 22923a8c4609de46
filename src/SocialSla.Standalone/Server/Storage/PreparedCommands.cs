using Microsoft.Data.Sqlite;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>The commands of one long-lived connection, prepared once per SQL text and reused for every row:
/// compiling a statement costs more than running it. Not thread-safe, like the connection.</summary>
internal sealed class PreparedCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _bySql = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, bound to <paramref name="parameters"/>, in
    /// <paramref name="transaction"/> (or none).</summary>
    public SqliteCommand Get(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        if (!_bySql.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _bySql[sql] = command;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Runs a statement that returns no rows.</summary>
    public int Execute(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        Get(sql, transaction, parameters).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _bySql.Values) command.Dispose();
        _bySql.Clear();
    }
}
