using System.CommandLine;
using System.Text;
using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Privacy;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Cli;

/// <summary><c>socialsla erase --config FILE --platform P --author ID [--by NAME]</c>: erases one customer's personal
/// data from a stopped server's database (what <c>POST /api/erasures</c> does on a running one), then rebuilds both
/// files (VACUUM) so no freed page keeps it.</summary>
/// <remarks>The server must not run meanwhile: its engine keeps recent case states in memory and would write them
/// back. Envelopes the server has not applied yet are left (applying them is the server's job); when one holds the
/// author id the command says so and exits with <see cref="ExitCodes.Unfinished"/>: start the server, let it catch
/// up, and erase again.</remarks>
internal static class EraseCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<string>("--config") { Description = "The server's configuration file (its database is erased from).", Required = true };
        var platform = new Option<string>("--platform") { Description = "The customer's platform: x, facebook, messenger, instagram, reddit, youtube, rss or generic.", Required = true };
        var author = new Option<string>("--author") { Description = "The platform's id of the customer (the author id of their messages).", Required = true };
        var by = new Option<string?>("--by") { Description = "Who asks, for the audit log (default: the operating-system user)." };
        var command = new Command("erase", "Erase a customer's messages, handle and excerpts (KPIs stay) from a stopped server's database.") { config, platform, author, by };
        command.SetAction(parsed => Run(parsed.GetValue(config)!, parsed.GetValue(platform)!, parsed.GetValue(author)!, parsed.GetValue(by), output, error));
        return command;
    }

    private static int Run(string configPath, string platform, string author, string? by, TextWriter output, TextWriter error)
    {
        if (!ErasureSubject.TryCreate(platform, author, out var subject, out var reason))
        {
            error.WriteLine($"socialsla: {reason}");
            return ExitCodes.BadInput;
        }
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value);
        if (!ServerConfigLoader.TryLoad(configPath, environment, out var settings, out reason))
        {
            error.WriteLine($"socialsla: {reason}");
            return ExitCodes.BadInput;
        }
        if (!File.Exists(settings.DatabasePath))
        {
            error.WriteLine($"socialsla: there is no database at '{settings.DatabasePath}'.");
            return ExitCodes.BadInput;
        }
        try
        {
            var database = new SqliteDatabase(settings.DatabasePath);
            database.EnsureCreated();
            using var connection = database.Open(durable: true);
            ErasureOutcome outcome;
            long unapplied;
            using (var commands = new PreparedCommands(connection))
            {
                using var transaction = connection.BeginTransaction(deferred: true);
                var processed = commands.Scalar("SELECT value FROM engine WHERE name = 'processed_seq'") as long? ?? 0;
                outcome = CustomerErasure.Erase(commands, subject, settings.Policy, processed);
                var actor = string.IsNullOrWhiteSpace(by) ? "cli:" + Environment.UserName : by;
                AuditLog.Record(commands, new AuditEntry(SystemClock.Instance.GetCurrentInstant(), actor, "cli", "erase", subject.ToString(), outcome.ToJson()));
                commands.Execute("INSERT INTO counters(name, value) VALUES ('erasures', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1");
                unapplied = commands.Scalar("SELECT count(*) FROM inbox WHERE seq > $after AND instr(body, $needle) > 0",
                    ("$after", processed), ("$needle", Encoding.UTF8.GetBytes(subject.AuthorId))) as long? ?? 0;
                transaction.Commit();
            }
            SqliteDatabase.Vacuum(connection);
            foreach (var sink in settings.Sinks.Where(s => s.Type.Equals("jsonl", StringComparison.OrdinalIgnoreCase) && s.Path is not null))
                Server.Alerts.JsonlFileAlertSink.EraseFromFile(Path.Combine(settings.BaseDirectory, sink.Path!), outcome.Names);
            output.WriteLine(
                $$"""{"platform":"{{subject.Platform.ToWireName()}}","messages":{{outcome.Messages}},"cases":{{outcome.CasesChanged}},"alerts":{{outcome.Alerts}},"quotesRedacted":{{outcome.QuotesRedacted}},"envelopes":{{outcome.Envelopes}},"unappliedEnvelopes":{{unapplied}}}""");
            if (unapplied == 0) return ExitCodes.Ok;
            error.WriteLine($"socialsla: {unapplied} envelope(s) the server has not applied yet hold this author id; start the server, let it catch up, and erase again.");
            return ExitCodes.Unfinished;
        }
        catch (IOException e)
        {
            error.WriteLine($"socialsla: the database is erased, but an alert file could not be rewritten (run the command again): {e.Message}");
            return ExitCodes.Failed;
        }
        catch (SqliteException e)
        {
            error.WriteLine($"socialsla: the database could not be erased from (is the server still running?): {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
