using NodaTime;

namespace SocialSla.Core.Delivery;

/// <summary>A token bucket: up to <c>burst</c> requests at once, refilled at <c>rate</c> per second. Immutable; time
/// is an argument.</summary>
/// <param name="Tokens">Tokens left at <paramref name="At"/>.</param>
/// <param name="At">When <paramref name="Tokens"/> was counted.</param>
public readonly record struct TokenBucket(double Tokens, Instant At)
{
    /// <summary>A full bucket at <paramref name="now"/>.</summary>
    public static TokenBucket Full(double burst, Instant now) => new(burst, now);

    /// <summary>Takes one token if there is one at <paramref name="now"/>: whether it was taken, the bucket after, and
    /// (when refused) how long until a token will be there.</summary>
    /// <remarks>A clock that steps backwards adds nothing (the bucket keeps its time until <paramref name="now"/>
    /// passes it again).</remarks>
    public (bool Taken, TokenBucket Next, Duration RetryAfter) TryTake(Instant now, double perSecond, double burst)
    {
        if (perSecond <= 0) throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "positive");
        if (burst < 1) throw new ArgumentOutOfRangeException(nameof(burst), burst, "at least 1");
        var elapsed = now > At ? (now - At).TotalSeconds : 0;
        var tokens = Math.Min(burst, Tokens + elapsed * perSecond);
        var at = now > At ? now : At;
        if (tokens >= 1) return (true, new TokenBucket(tokens - 1, at), Duration.Zero);
        var wait = Duration.FromSeconds((1 - tokens) / perSecond);
        return (false, new TokenBucket(tokens, at), wait + (now < At ? At - now : Duration.Zero));
    }
}
