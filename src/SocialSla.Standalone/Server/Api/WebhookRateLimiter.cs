using System.Collections.Concurrent;
using NodaTime;
using SocialSla.Core.Delivery;
using SocialSla.Standalone.Server.Configuration;

namespace SocialSla.Standalone.Server.Api;

/// <summary>Per-source request limits on the webhook routes (one token bucket per <c>meta</c>, <c>x</c> and generic
/// source), checked before the body is read, so a flood costs no more than its refusal.</summary>
internal sealed class WebhookRateLimiter(ServerSettings settings)
{
    private readonly ConcurrentDictionary<string, StrongBox> _buckets = new(StringComparer.Ordinal);

    /// <summary>Whether a request for <paramref name="source"/> at <paramref name="now"/> may proceed; when not, how long
    /// the sender should wait.</summary>
    public bool TryAcquire(string source, Instant now, out Duration retryAfter)
    {
        retryAfter = Duration.Zero;
        if (settings.WebhookRateLimit is not { } limit) return true;
        var box = _buckets.GetOrAdd(source, _ => new StrongBox(TokenBucket.Full(limit.Burst, now)));
        lock (box)
        {
            (var taken, box.Bucket, retryAfter) = box.Bucket.TryTake(now, limit.PerSecond, limit.Burst);
            return taken;
        }
    }

    private sealed class StrongBox(TokenBucket bucket)
    {
        public TokenBucket Bucket = bucket;
    }
}
