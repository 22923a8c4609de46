using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>The SQLite-backed pipeline state behaves as the in-memory one within a batch and across flushes.</summary>
public sealed class StoredPipelineStateTests
{
    private static CaseState NewCase(string id) => CaseMachine.Create(new CaseId(id), new Mention
    {
        Id = new MentionId(Platform.X, "1"),
        Channel = Channel.Mention,
        Account = new PlatformAccountId(Platform.X, "ContosoCoffee"),
        Author = new Author("7"),
        FromBrand = false,
        CreatedAt = Instant.FromUtc(2026, 11, 2, 9, 0),
        ReceivedAt = Instant.FromUtc(2026, 11, 2, 9, 0),
    }, SlaPolicy.Default);

    [Fact]
    public void A_case_closed_or_merged_in_a_batch_is_gone_at_once_and_after_the_flush()
    {
        using var files = new TempFiles();
        var database = new SqliteDatabase(Path.Combine(files.Folder, "s.db"));
        database.EnsureCreated();
        using var connection = database.Open();
        using var commands = new PreparedCommands(connection);
        var state = new StoredPipelineState(commands, SlaPolicy.Default);
        var now = Instant.FromUtc(2026, 11, 2, 10, 0);

        state.PutCase(NewCase("a"));
        state.PutCase(NewCase("b"));
        using (var transaction = connection.BeginTransaction(deferred: true))
        {
            state.Flush(transaction, _ => (null, null), now);
            transaction.Commit();
        }
        Assert.NotNull(state.GetCase(new CaseId("a")));

        state.RemoveCase(new CaseId("a"));
        state.MergeCase(new CaseId("b"), new CaseId("c"));
        Assert.Null(state.GetCase(new CaseId("a")));
        Assert.Null(state.GetCase(new CaseId("b")));

        using (var transaction = connection.BeginTransaction(deferred: true))
        {
            state.Flush(transaction, _ => (null, null), now);
            transaction.Commit();
        }
        state.Reset();
        Assert.Null(state.GetCase(new CaseId("a")));
        Assert.Null(state.GetCase(new CaseId("b")));
    }
}
