namespace SocialSla.Core.Spikes;

/// <summary>Upper tail probabilities of the counting distributions the spike tests use, summed in log space (exact
/// for the counts a minute-level window sees, no normal approximation that overstates significance at small rates).</summary>
public static class TailProbability
{
    /// <summary>P(X ≥ <paramref name="k"/>) for X ~ Poisson(<paramref name="mean"/>).</summary>
    public static double PoissonAtLeast(long k, double mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mean);
        if (k <= 0) return 1;
        if (mean == 0) return 0;
        // Sum the terms from k upwards until they no longer matter: term(i+1) = term(i) · mean / (i + 1).
        var logTerm = k * Math.Log(mean) - mean - LogFactorial(k);
        var term = Math.Exp(logTerm);
        var sum = 0.0;
        for (var i = k; i < k + 100_000; i++)
        {
            sum += term;
            term *= mean / (i + 1);
            if (term < sum * 1e-15 && i + 1 > mean) break;
        }
        return Math.Min(1, sum);
    }

    /// <summary>P(X ≥ <paramref name="k"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static double BinomialAtLeast(long k, long n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "A probability lies in [0, 1].");
        if (k <= 0) return 1;
        if (k > n) return 0;
        if (p == 0) return 0;
        if (p == 1) return 1;
        var logP = Math.Log(p);
        var logQ = double.LogP1(-p);
        var sum = 0.0;
        for (var i = k; i <= n; i++)
        {
            var term = Math.Exp(LogChoose(n, i) + i * logP + (n - i) * logQ);
            sum += term;
            if (term < sum * 1e-15 && i > n * p) break;
        }
        return Math.Min(1, sum);
    }

    private static double LogChoose(long n, long k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    /// <summary>ln(n!): exact sums below 256, Stirling's series above (error under 1e-12 there).</summary>
    private static double LogFactorial(long n)
    {
        if (n < SmallFactorials.Length) return SmallFactorials[n];
        var x = (double)n;
        return x * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    private static readonly double[] SmallFactorials = BuildSmallFactorials();

    private static double[] BuildSmallFactorials()
    {
        var table = new double[256];
        for (var i = 2; i < table.Length; i++) table[i] = table[i - 1] + Math.Log(i);
        return table;
    }
}
