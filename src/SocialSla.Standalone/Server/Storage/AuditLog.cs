using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Storage;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>The audit log (the <c>audit</c> table of the state file): who acknowledged, resolved or erased what, and
/// when; read through <c>GET /api/audit</c>.</summary>
/// <remarks>An entry names its target by id (an alert id, a case id, <c>platform:authorId</c> for an erasure) and
/// holds counts in <see cref="AuditEntry.Detail"/>: never message text or a handle, so the audit of an erasure does
/// not keep what was erased. Entries are written in the transaction of the change they record.</remarks>
internal static class AuditLog
{
    private const string Insert = "INSERT INTO audit(at, actor, role, action, target, detail) VALUES ($at, $actor, $role, $action, $target, $detail)";

    /// <summary>Records an entry on the engine's connection (in its current transaction).</summary>
    public static void Record(PreparedCommands commands, AuditEntry entry) => commands.Execute(Insert, Parameters(entry));

    /// <summary>Records an entry on an API connection (in <paramref name="transaction"/>).</summary>
    public static void Record(SqliteConnection connection, SqliteTransaction transaction, AuditEntry entry)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        foreach (var (name, value) in Parameters(entry)) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static (string, object?)[] Parameters(AuditEntry entry) =>
    [
        ("$at", InstantNanos.ToNanos(entry.At)), ("$actor", entry.Actor), ("$role", entry.Role), ("$action", entry.Action),
        ("$target", entry.Target), ("$detail", entry.Detail),
    ];
}

/// <summary>One audit entry: at <paramref name="At"/>, the token <paramref name="Actor"/> (of <paramref name="Role"/>)
/// did <paramref name="Action"/> (<c>acknowledge</c>, <c>resolve</c>, <c>erase</c>) to <paramref name="Target"/>;
/// <paramref name="Detail"/> is a JSON object of counts and flags, or <see langword="null"/>.</summary>
internal sealed record AuditEntry(Instant At, string Actor, string Role, string Action, string Target, string? Detail);
