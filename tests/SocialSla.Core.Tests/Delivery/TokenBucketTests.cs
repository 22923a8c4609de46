using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using SocialSla.Core.Delivery;

namespace SocialSla.Core.Tests.Delivery;

public sealed class TokenBucketTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 9, 0);

    [Property(MaxTest = 300)]
    public Property No_interval_lets_through_more_than_the_burst_plus_the_rate_times_its_length()
    {
        var gaps = Gen.Choose(0, 400).ArrayOf().Where(a => a.Length > 0);
        return Prop.ForAll(gaps.ToArbitrary(), Gen.Choose(1, 20).ToArbitrary(), Gen.Choose(1, 30).ToArbitrary(), (gapsMs, rate, burst) =>
        {
            var bucket = TokenBucket.Full(burst, T0);
            var now = T0;
            var taken = new List<Instant>();
            foreach (var gap in gapsMs)
            {
                now += Duration.FromMilliseconds(gap);
                (var ok, bucket, _) = bucket.TryTake(now, rate, burst);
                if (ok) taken.Add(now);
            }
            for (var i = 0; i < taken.Count; i++)
            {
                for (var j = i; j < taken.Count; j++)
                {
                    var allowed = burst + rate * (taken[j] - taken[i]).TotalSeconds;
                    if (j - i + 1 > allowed + 1e-9) return false.Label($"{j - i + 1} taken in {(taken[j] - taken[i]).TotalSeconds}s");
                }
            }
            return true.ToProperty();
        });
    }

    [Property(MaxTest = 200)]
    public Property A_refused_request_succeeds_once_its_retry_after_has_passed(PositiveInt rateRaw, PositiveInt burstRaw)
    {
        var rate = rateRaw.Get % 50 + 1;
        var burst = burstRaw.Get % 10 + 1;
        var bucket = TokenBucket.Full(burst, T0);
        for (var i = 0; i < burst; i++) (_, bucket, _) = bucket.TryTake(T0, rate, burst);
        var (ok, after, retryAfter) = bucket.TryTake(T0, rate, burst);
        var (later, _, _) = after.TryTake(T0 + retryAfter + Duration.FromTicks(1), rate, burst);
        var (early, _, _) = after.TryTake(T0 + retryAfter - Duration.FromMilliseconds(1), rate, burst);
        return (!ok && later && !early).Label($"ok={ok} later={later} early={early} retry={retryAfter}");
    }

    [Fact]
    public void Traffic_under_the_rate_is_never_refused_and_a_clock_stepping_back_adds_no_tokens()
    {
        var bucket = TokenBucket.Full(2, T0);
        for (var i = 0; i < 100; i++)
        {
            (var ok, bucket, _) = bucket.TryTake(T0 + Duration.FromMilliseconds(250 * i), 5, 2);
            Assert.True(ok);
        }
        var drained = TokenBucket.Full(1, T0);
        (_, drained, _) = drained.TryTake(T0, 1, 1);
        var (back, _, retry) = drained.TryTake(T0 - Duration.FromMinutes(5), 1, 1);
        Assert.False(back);
        Assert.True(retry > Duration.FromMinutes(5));
    }
}
