using NodaTime;

namespace SocialSla.Core.Delivery;

/// <summary>When to try a failing pull source or alert receiver again: exponential backoff with a cap and deterministic
/// jitter; a later retry hint from the other side (<c>Retry-After</c>, a rate-limit reset) wins.</summary>
/// <remarks>
/// <para>After <c>n</c> consecutive failures the delay is <c>min(Cap, Initial × 2^(n−1))</c>, shortened by a jitter
/// fraction in <c>[0, Jitter)</c> drawn from the seed and <c>n</c> (so sources with different seeds spread out, and the
/// same inputs always give the same answer). Defaults: 30 s initial, 30 min cap, 20 % jitter. Immutable, thread-safe.</para>
/// </remarks>
public sealed record RetryBackoff
{
    /// <summary>The default policy (30 s, doubling, at most 30 min, 20 % jitter).</summary>
    public static RetryBackoff Default { get; } = new(Duration.FromSeconds(30), Duration.FromMinutes(30), 0.2);

    /// <summary>Creates a policy.</summary>
    /// <param name="initial">The delay after the first failure; positive.</param>
    /// <param name="cap">The longest delay; at least <paramref name="initial"/>.</param>
    /// <param name="jitter">The largest fraction of the delay jitter removes, in <c>[0, 1)</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public RetryBackoff(Duration initial, Duration cap, double jitter)
    {
        if (initial <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(initial), initial, "The initial delay must be positive.");
        if (cap < initial) throw new ArgumentOutOfRangeException(nameof(cap), cap, "The cap must be at least the initial delay.");
        if (!(jitter is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "The jitter must be in [0, 1).");
        Initial = initial;
        Cap = cap;
        Jitter = jitter;
    }

    /// <summary>The delay after the first failure.</summary>
    public Duration Initial { get; }

    /// <summary>The longest delay.</summary>
    public Duration Cap { get; }

    /// <summary>The largest fraction of a delay that jitter removes.</summary>
    public double Jitter { get; }

    /// <summary>The delay after <paramref name="consecutiveFailures"/> failures, before jitter (zero for none).</summary>
    public Duration DelayBeforeJitter(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0) return Duration.Zero;
        var exponent = Math.Min(consecutiveFailures - 1, 40);
        var ticks = Initial.BclCompatibleTicks * Math.Pow(2, exponent);
        return ticks >= Cap.BclCompatibleTicks ? Cap : Duration.FromTicks((long)ticks);
    }

    /// <summary>The instant of the next attempt.</summary>
    /// <param name="consecutiveFailures">Failures in a row so far (0: none, the answer is <paramref name="now"/> or the hint).</param>
    /// <param name="retryHint">When the source asked to be retried, if it did.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="seed">The jitter seed (e.g. a hash of the source name).</param>
    public Instant NextAttempt(int consecutiveFailures, Instant? retryHint, Instant now, ulong seed)
    {
        var delay = DelayBeforeJitter(consecutiveFailures);
        if (delay > Duration.Zero && Jitter > 0)
        {
            var fraction = Unit(seed, (ulong)consecutiveFailures) * Jitter;
            delay = Duration.FromTicks((long)(delay.BclCompatibleTicks * (1 - fraction)));
        }
        var at = now + delay;
        return retryHint is { } hint && hint > at ? hint : at;
    }

    private static double Unit(ulong seed, ulong n)
    {
        // SplitMix64 of the seed and the attempt number: a fixed, well-mixed fraction in [0, 1).
        var z = seed + (n + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
