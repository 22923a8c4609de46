using System.Text;
using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Pulls;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>Pull cursors in SQLite. A page's mentions enter the inbox (as JSONL mention lines) in the same
/// transaction that moves the cursor: a crash never skips a page or loses one.</summary>
internal sealed class SqlitePullStore(SqliteDatabase database, TimeProvider time, Action appended, StorageHealth? health = null) : IPullStore
{
    public Task<string?> LoadCursorAsync(string source, CancellationToken ct)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT cursor FROM cursors WHERE source = $s";
        command.Parameters.AddWithValue("$s", source);
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    public Task CommitAsync(string source, IReadOnlyList<Mention> mentions, string cursor, CancellationToken ct)
    {
        try
        {
            Commit(source, mentions, cursor);
        }
        catch (SqliteException e)
        {
            // Nothing of the page was stored: the source's run fails and backs off, its cursor where it was.
            health?.InboxFailed(e);
            throw new StorageUnavailableException($"The page of {source} could not be stored ({StorageHealth.ReasonOf(e)}).", e);
        }
        health?.InboxSucceeded();
        if (mentions.Count > 0) appended();
        return Task.CompletedTask;
    }

    private void Commit(string source, IReadOnlyList<Mention> mentions, string cursor)
    {
        using var connection = database.Open(durable: true);
        using var transaction = connection.BeginTransaction(deferred: true);
        if (mentions.Count > 0)
        {
            var body = new MemoryStream();
            foreach (var mention in mentions)
            {
                body.Write(JsonlMentionWriter.ToUtf8(mention));
                body.WriteByte((byte)'\n');
            }
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO inbox(kind, source, received_at, body) VALUES ($k, $s, $at, $b)";
            insert.Parameters.AddWithValue("$k", EnvelopeKinds.Mentions);
            insert.Parameters.AddWithValue("$s", source);
            insert.Parameters.AddWithValue("$at", InstantNanos.ToNanos(Instant.FromDateTimeOffset(time.GetUtcNow())));
            insert.Parameters.AddWithValue("$b", body.ToArray());
            insert.ExecuteNonQuery();
        }
        using (var save = connection.CreateCommand())
        {
            save.Transaction = transaction;
            save.CommandText = "INSERT INTO cursors(source, cursor) VALUES ($s, $c) ON CONFLICT(source) DO UPDATE SET cursor = excluded.cursor";
            save.Parameters.AddWithValue("$s", source);
            save.Parameters.AddWithValue("$c", cursor);
            save.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
