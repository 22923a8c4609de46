using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using SocialSla.Standalone.Cli;
using SocialSla.Standalone.Server.Storage;
using SocialSla.Standalone.Tests.Pulls;
using SocialSla.Standalone.Tests.Server;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Cli;

/// <summary><c>socialsla erase</c> on a stopped server's files (issue #8): the customer's text and handle leave both
/// files (after its VACUUM), KPI rows stay byte for byte, the audit records it, and envelopes not yet applied are
/// reported instead of silently left.</summary>
public sealed class EraseCommandTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Runs a server on its own folder, feeds two customers, and copies its two files (SQLite's online backup)
    /// into <paramref name="into"/>, as a stopped server would leave them.</summary>
    private static async Task MakeDatabaseAsync(string into)
    {
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time);
        foreach (var line in new[]
        {
            ErasureTests.Line("9001", T0, "700001", "gone_gwen", "ERASEME-alpha the grinder is broken"),
            ErasureTests.Line("9002", T0.AddMinutes(1), "700001", "gone_gwen", "ERASEME-beta hello?", parent: "9001"),
            ErasureTests.Line("9101", T0, "700002", "kept_kai", "KEEPME-gamma my order is late"),
            ErasureTests.Line("9003", T0.AddMinutes(20), TestServer.XUserId, "ContosoCoffee", "@gone_gwen on it", fromBrand: true, parent: "9002"),
        })
        {
            using var response = await server.PostMentionsAsync(time.GetUtcNow(), line);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await server.WaitProcessedAsync();
        using var source = server.Database.Open();
        var copy = new SqliteDatabase(Path.Combine(into, "state.db"));
        foreach (var (file, schema) in new[] { (copy.Path, "main"), (copy.InboxPath, "inbox_file") })
        {
            using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            destination.Open();
            source.BackupDatabase(destination, "main", schema);
        }
    }

    private static string Dump(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++) rows.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            rows.AppendLine();
        }
        return rows.ToString();
    }

    private static bool AnyFileHolds(string folder, string needle) =>
        Directory.GetFiles(folder, "state*").Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0);

    [Fact]
    public async Task Erase_StoppedServersFiles_RemovesTextAndHandleKeepsKpisAndAudits()
    {
        var folder = Directory.CreateTempSubdirectory("socialsla-erase-").FullName;
        try
        {
            await MakeDatabaseAsync(folder);
            var config = Path.Combine(folder, "socialsla.json");
            File.WriteAllText(config, """{ "database": "state.db" }""");
            var db = Path.Combine(folder, "state.db");
            var kpis = Dump(db, "SELECT account, channel, priority, hour, hex(data) FROM kpis ORDER BY 1, 2, 3, 4");
            Assert.NotEqual("", kpis);
            Assert.True(AnyFileHolds(folder, "ERASEME-alpha"));
            Assert.True(AnyFileHolds(folder, "gone_gwen"));

            Assert.Equal(ExitCodes.BadInput, CliRunner.Run("erase", "--config", config, "--platform", "myspace", "--author", "700001").Exit);
            Assert.Equal(ExitCodes.BadInput, CliRunner.Run("erase", "--config", Path.Combine(folder, "missing.json"), "--platform", "x", "--author", "700001").Exit);
            var (exit, output, error) = CliRunner.Run("erase", "--config", config, "--platform", "x", "--author", "700001", "--by", "dpo@contoso");

            Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {error}");
            Assert.Contains("\"messages\":2", output);
            SqliteConnection.ClearAllPools();
            foreach (var needle in new[] { "ERASEME", "gone_gwen" })
                Assert.False(AnyFileHolds(folder, needle), $"a file still holds {needle}");
            Assert.True(AnyFileHolds(folder, "KEEPME-gamma"));
            Assert.True(AnyFileHolds(folder, "kept_kai"));
            Assert.Equal(kpis, Dump(db, "SELECT account, channel, priority, hour, hex(data) FROM kpis ORDER BY 1, 2, 3, 4"));
            Assert.Equal("dpo@contoso|cli|erase|x:700001|\n".Replace("\n", Environment.NewLine), Dump(db, "SELECT actor, role, action, target FROM audit"));

            // An envelope the server has not applied yet that holds the author: reported, exit 3, left for the server.
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "state.inbox.db"), Pooling = false }.ToString()))
            {
                connection.Open();
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO inbox(kind, source, received_at, body) VALUES ('generic', 'desk', 0, CAST('{\"author\":{\"id\":\"700001\"}}' AS BLOB))";
                insert.ExecuteNonQuery();
            }
            var (unfinished, _, message) = CliRunner.Run("erase", "--config", config, "--platform", "x", "--author", "700001");
            Assert.Equal(ExitCodes.Unfinished, unfinished);
            Assert.Contains("not applied yet", message);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
