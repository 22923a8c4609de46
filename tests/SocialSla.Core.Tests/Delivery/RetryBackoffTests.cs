using SocialSla.Core.Delivery;
using NodaTime;
using SocialSla.Core.Pulls;

namespace SocialSla.Core.Tests.Delivery;

public sealed class RetryBackoffTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 12, 0);
    private static readonly RetryBackoff NoJitter = new(Duration.FromSeconds(10), Duration.FromMinutes(5), 0);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(5, 160)]
    [InlineData(6, 300)]
    [InlineData(60, 300)]
    public void NextAttempt_DoublesUpToCap(int failures, int seconds) =>
        Assert.Equal(Now + Duration.FromSeconds(seconds), NoJitter.NextAttempt(failures, null, Now, 1));

    [Fact]
    public void NextAttempt_NoFailures_IsNow() => Assert.Equal(Now, NoJitter.NextAttempt(0, null, Now, 1));

    [Fact]
    public void NextAttempt_LaterHintWins_EarlierHintDoesNot()
    {
        Assert.Equal(Now + Duration.FromHours(1), NoJitter.NextAttempt(1, Now + Duration.FromHours(1), Now, 1));
        Assert.Equal(Now + Duration.FromSeconds(10), NoJitter.NextAttempt(1, Now + Duration.FromSeconds(1), Now, 1));
    }

    [Fact]
    public void NextAttempt_Jitter_IsDeterministicBoundedAndSpreadsBySeed()
    {
        var policy = new RetryBackoff(Duration.FromSeconds(100), Duration.FromHours(1), 0.5);
        var answers = Enumerable.Range(0, 50).Select(seed => policy.NextAttempt(1, null, Now, (ulong)seed)).ToList();

        Assert.All(answers, a => Assert.InRange(a, Now + Duration.FromSeconds(50), Now + Duration.FromSeconds(100)));
        Assert.True(answers.Distinct().Count() > 40);
        Assert.Equal(policy.NextAttempt(3, null, Now, 7), policy.NextAttempt(3, null, Now, 7));
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBackoff(Duration.Zero, Duration.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBackoff(Duration.FromSeconds(2), Duration.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBackoff(Duration.FromSeconds(1), Duration.FromSeconds(1), 1));
    }
}
