using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>The engine keeps in memory only the wake-ups due within about a minute; the rest wait in the cases table.
/// Every stored wake-up must still come out once, in time order, however the horizon moves.</summary>
public sealed class WakeUpQueueTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 9, 0);

    private static SqliteConnection Store(TempFiles files, IEnumerable<(string Id, Instant At)> wakes)
    {
        var database = new SqliteDatabase(Path.Combine(files.Folder, "w.db"));
        database.EnsureCreated();
        var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO cases(id, account, channel, priority, status, next_wake, updated_at, state) VALUES ($id, 'x:a', 'mention', 'normal', 'open', $wake, 0, x'')";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var wake = insert.Parameters.Add("$wake", SqliteType.Integer);
        foreach (var (caseId, at) in wakes)
        {
            id.Value = caseId;
            wake.Value = InstantNanos.ToNanos(at);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return connection;
    }

    /// <summary>Runs the clock from <see cref="T0"/> in the given steps (seconds), moving the horizon whenever it must and
    /// taking what is due, as the engine's loop does; what came out, in order.</summary>
    private static List<(string Id, Instant At)> Drain(WakeUpQueue queue, SqliteConnection connection, IEnumerable<int> stepsSeconds, List<int>? counts = null)
    {
        var taken = new List<(string, Instant)>();
        var now = T0;
        queue.Reload(connection, now);
        foreach (var step in stepsSeconds.Append(int.MaxValue / 2))
        {
            now += Duration.FromSeconds(step);
            // After a long step the horizon may need several moves (the load limit): the engine loops until it is ahead.
            do
            {
                if (queue.MustAdvance(now)) queue.Advance(connection, now);
                while (queue.TryTakeDue(now, out var id, out var due)) taken.Add((id.Value, due));
                counts?.Add(queue.Count);
            }
            while (queue.MustAdvance(now) && queue.LoadedThrough < now);
        }
        return taken;
    }

    [Fact]
    public void Reload_CasesWaitingForDays_OnlyTheNextMinuteIsInMemory()
    {
        using var files = new TempFiles();
        // 20,000 resolved cases waiting for their reopen window to end over the next three days, 100 due within a minute.
        var wakes = Enumerable.Range(0, 20_000).Select(i => ($"c{i}", T0 + (i < 100 ? Duration.FromSeconds(i * 0.5) : Duration.FromHours(1 + i % 72)))).ToList();
        using var connection = Store(files, wakes);
        var queue = new WakeUpQueue();

        queue.Reload(connection, T0);
        queue.Schedule(new CaseId("later"), T0 + Duration.FromHours(2)); // past the horizon: left to the store

        Assert.Equal(100, queue.Count);
        Assert.Equal(T0 + WakeUpQueue.Window, queue.LoadedThrough);
        Assert.Equal(T0, queue.Next);
    }

    [Fact]
    public void Drain_MoreDueAtOnceThanTheLoadLimit_EveryWakeUpOnceInOrder_MemoryBoundedByTheLimit()
    {
        using var files = new TempFiles();
        // A long stop: 2,500 wake-ups overdue, 300 of them at one instant, then more spread over an hour.
        var random = new Random(5);
        var wakes = Enumerable.Range(0, 2_500).Select(i => ($"o{i}", T0 - Duration.FromSeconds(i < 300 ? 600 : random.Next(1, 3_600))))
            .Concat(Enumerable.Range(0, 1_000).Select(i => ($"f{i}", T0 + Duration.FromSeconds(random.Next(0, 3_600))))).ToList();
        using var connection = Store(files, wakes);
        var counts = new List<int>();

        var taken = Drain(new WakeUpQueue(loadLimit: 200), connection, Enumerable.Repeat(7, 600), counts);

        Assert.Equal(wakes.OrderBy(w => w.Item2).ThenBy(w => w.Item1, StringComparer.Ordinal).Select(w => w.Item2), taken.Select(t => t.At));
        Assert.Equal(wakes.Select(w => w.Item1).Order(StringComparer.Ordinal), taken.Select(t => t.Id).Order(StringComparer.Ordinal));
        // The 300 at one instant come in one step; otherwise at most the limit (plus a minute's worth) is held.
        Assert.True(counts.Max() <= 300 + 200, $"at most {counts.Max()} in memory");
    }

    [Property(MaxTest = 40)]
    public Property Drain_AnyWakeUpsAnySteps_EachComesOutOnceNeverEarly() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            using var files = new TempFiles();
            var random = new Random(seed);
            // Instants on a coarse grid so that many share one; some already overdue.
            var wakes = Enumerable.Range(0, random.Next(0, 400))
                .Select(i => ($"c{i}", T0 + Duration.FromSeconds(15 * random.Next(-20, 400)))).ToList();
            using var connection = Store(files, wakes);
            var steps = Enumerable.Range(0, random.Next(1, 60)).Select(_ => random.Next(0, 2) == 0 ? random.Next(0, 10) : random.Next(0, 900)).ToList();

            var queue = new WakeUpQueue(loadLimit: random.Next(1, 50));
            var taken = Drain(queue, connection, steps);

            Assert.Equal(wakes.Select(w => w.Item1).Order(StringComparer.Ordinal), taken.Select(t => t.Id).Order(StringComparer.Ordinal));
            Assert.Equal(taken.Select(t => t.At).Order(), taken.Select(t => t.At));
        });
}
