using NodaTime;
using SocialSla.Core.Health;

namespace SocialSla.Core.Tests.Health;

/// <summary>Issue 8: what /healthz answers from its components, and how a writer's run of failures is kept.</summary>
public sealed class HealthVerdictTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 9, 0);
    private static readonly WriteHealth Failing = WriteHealth.Ok.Failed(T0, "SQLite error 13");

    [Fact]
    public void Overall_EverythingWorks_IsOk() =>
        Assert.Equal(ComponentHealth.Ok, HealthVerdict.Overall(true, WriteHealth.Ok, WriteHealth.Ok, 0, 0));

    [Fact]
    public void Overall_InboxFailsOrStorageUnreadable_IsFailing_SoDeliveriesGoElsewhere()
    {
        Assert.Equal(ComponentHealth.Failing, HealthVerdict.Overall(true, Failing, WriteHealth.Ok, 0, 0));
        Assert.Equal(ComponentHealth.Failing, HealthVerdict.Overall(false, WriteHealth.Ok, WriteHealth.Ok, 0, 0));
    }

    [Theory]
    [InlineData(true, 0, 0)]
    [InlineData(false, 1, 0)]
    [InlineData(false, 0, 2)]
    public void Overall_OnlyEngineSinksOrPullsFail_IsDegraded_AndStillTakesDeliveries(bool stateFails, int failingSinks, int failingPulls) =>
        Assert.Equal(ComponentHealth.Degraded, HealthVerdict.Overall(true, WriteHealth.Ok, stateFails ? Failing : WriteHealth.Ok, failingSinks, failingPulls));

    [Fact]
    public void Storage_StateFailsAlone_IsDegraded_InboxFails_IsFailing()
    {
        Assert.Equal(ComponentHealth.Degraded, HealthVerdict.Storage(true, WriteHealth.Ok, Failing));
        Assert.Equal(ComponentHealth.Failing, HealthVerdict.Storage(true, Failing, WriteHealth.Ok));
        Assert.Equal(ComponentHealth.Ok, HealthVerdict.Storage(true, WriteHealth.Ok, WriteHealth.Ok));
    }

    [Fact]
    public void WriteHealth_ARunOfFailures_KeepsItsStartAndLastReason_ASuccessEndsIt()
    {
        var run = WriteHealth.Ok.Failed(T0, "SQLite error 5").Failed(T0 + Duration.FromSeconds(3), "SQLite error 13");

        Assert.True(run.IsFailing);
        Assert.Equal(T0, run.FailingSince);
        Assert.Equal("SQLite error 13", run.LastError);
        Assert.Equal(2, run.ConsecutiveFailures);
        Assert.Equal(WriteHealth.Ok, run.Succeeded());
        Assert.False(run.Succeeded().IsFailing);
        Assert.Throws<ArgumentException>(() => WriteHealth.Ok.Failed(T0, ""));
    }
}
