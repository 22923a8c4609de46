using NodaTime;
using SocialSla.Core.Delivery;
using SocialSla.Core.Pulls;
using SocialSla.Core.Storage.Tables;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Pulls;

public class PullScheduleTests
{
    private static readonly PullCursor Cursor = PullCursor.Empty with { SinceId = "42" };

    [Fact]
    public void IsDue_NewSourceOrPastItsAttempt_IsDue()
    {
        Assert.True(PullSchedule.IsDue(PullSourceRecord.New, T0));
        Assert.True(PullSchedule.IsDue(PullSourceRecord.New with { NextAttempt = T0 }, T0));
        Assert.False(PullSchedule.IsDue(PullSourceRecord.New with { NextAttempt = At(1) }, T0));
    }

    [Fact]
    public void Succeeded_FinishedRun_IsNextDueOneIntervalAfterItStarted()
    {
        var before = PullSourceRecord.New with { ConsecutiveFailures = 3, LastError = "boom" };
        var after = PullSchedule.Succeeded(before, Cursor, T0, At(1), Duration.FromMinutes(5), null, unfinished: false);
        Assert.Equal(new PullSourceRecord(Cursor, 0, At(5), At(1), null), after);
    }

    [Fact]
    public void Succeeded_UnfinishedRun_IsDueAtOnceUnlessTheHintIsLater()
    {
        Assert.Equal(At(1), PullSchedule.Succeeded(PullSourceRecord.New, Cursor, T0, At(1), Duration.FromMinutes(5), null, true).NextAttempt);
        Assert.Equal(At(9), PullSchedule.Succeeded(PullSourceRecord.New, Cursor, T0, At(1), Duration.FromMinutes(5), At(9), false).NextAttempt);
    }

    [Fact]
    public void Failed_BacksOffAndKeepsTheCommittedCursor()
    {
        var backoff = new RetryBackoff(Duration.FromSeconds(30), Duration.FromMinutes(30), 0);
        var once = PullSchedule.Failed(PullSourceRecord.New, Cursor, "feed", "503", T0, null, backoff);
        var twice = PullSchedule.Failed(once, Cursor, "feed", "503", T0, null, backoff);
        Assert.Equal((1, T0 + Duration.FromSeconds(30), "503", Cursor), (once.ConsecutiveFailures, once.NextAttempt!.Value, once.LastError, once.Cursor));
        Assert.Equal(T0 + Duration.FromSeconds(60), twice.NextAttempt);
        Assert.Equal(At(60), PullSchedule.Failed(PullSourceRecord.New, Cursor, "feed", "429", T0, At(60), backoff).NextAttempt);
    }

    [Fact]
    public void Seed_IsStableAndDiffersByName()
    {
        Assert.Equal(PullSchedule.Seed("feed"), PullSchedule.Seed("feed"));
        Assert.NotEqual(PullSchedule.Seed("feed"), PullSchedule.Seed("reddit"));
    }
}
