using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Spikes;

namespace SocialSla.Core.Tests.Spikes;

public sealed class TailProbabilityTests
{
    private static double PoissonDirect(int k, double mean)
    {
        // 1 − P(X < k), with the terms built by multiplication (exact enough where the tail is not tiny).
        double term = Math.Exp(-mean), below = 0;
        for (var i = 0; i < k; i++)
        {
            below += term;
            term *= mean / (i + 1);
        }
        return 1 - below;
    }

    private static double BinomialDirect(int k, int n, double p)
    {
        double sum = 0;
        for (var i = k; i <= n; i++)
        {
            double choose = 1;
            for (var j = 0; j < i; j++) choose = choose * (n - j) / (j + 1);
            sum += choose * Math.Pow(p, i) * Math.Pow(1 - p, n - i);
        }
        return sum;
    }

    [Property(MaxTest = 300)]
    public Property Poisson_tail_matches_the_direct_sum(PositiveInt kRaw, PositiveInt meanTenths)
    {
        var k = kRaw.Get % 80;
        var mean = meanTenths.Get % 400 / 10.0;
        var direct = PoissonDirect(k, mean);
        var tail = TailProbability.PoissonAtLeast(k, mean);
        // Where the direct form has not lost its digits to cancellation, both agree to 1e-9 relative.
        return (direct < 1e-6 || Math.Abs(tail - direct) <= 1e-9 * Math.Max(direct, 1e-300) + 1e-12).ToProperty().Label($"k={k} mean={mean} tail={tail} direct={direct}");
    }

    [Property(MaxTest = 300)]
    public Property Binomial_tail_matches_the_direct_sum(PositiveInt nRaw, PositiveInt kRaw, PositiveInt pPercent)
    {
        var n = nRaw.Get % 60;
        var k = kRaw.Get % (n + 2);
        var p = (pPercent.Get % 99 + 1) / 100.0;
        var direct = BinomialDirect(k, n, p);
        var tail = TailProbability.BinomialAtLeast(k, n, p);
        return (Math.Abs(tail - direct) <= 1e-9 * Math.Max(direct, 1e-12)).ToProperty().Label($"k={k} n={n} p={p} tail={tail} direct={direct}");
    }

    [Property(MaxTest = 200)]
    public Property Tails_fall_as_the_count_rises_and_grow_with_the_mean(PositiveInt kRaw, PositiveInt meanTenths)
    {
        var k = kRaw.Get % 500;
        var mean = meanTenths.Get % 3000 / 10.0;
        return (TailProbability.PoissonAtLeast(k + 1, mean) <= TailProbability.PoissonAtLeast(k, mean)
                && TailProbability.PoissonAtLeast(k, mean) <= TailProbability.PoissonAtLeast(k, mean + 0.5) + 1e-15)
            .ToProperty().Label($"k={k} mean={mean}");
    }

    [Fact]
    public void Tiny_tails_stay_positive_and_finite_where_the_direct_form_would_round_to_zero()
    {
        var tail = TailProbability.PoissonAtLeast(150, 20);
        Assert.InRange(tail, 1e-80, 1e-60);
        Assert.Equal(0, TailProbability.PoissonAtLeast(1, 0));
        Assert.Equal(1, TailProbability.PoissonAtLeast(0, 5));
        Assert.Equal(0, TailProbability.BinomialAtLeast(11, 10, 0.5));
        Assert.Equal(Math.Pow(0.5, 10), TailProbability.BinomialAtLeast(10, 10, 0.5), 15);
    }
}
