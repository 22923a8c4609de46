using SocialSla.Core.Delivery;
using SocialSla.Core.Pulls;

namespace SocialSla.Standalone.Pulls;

/// <summary>Host settings of the <see cref="PullWorker"/>, bound to the section <c>PullWorkerOptions</c>.</summary>
public sealed class PullWorkerOptions
{
    /// <summary>The most pages one run follows before it yields (default 20); a run cut short continues at once.</summary>
    public int MaxPagesPerRun { get; set; } = 20;

    /// <summary>The timeout of one HTTP request (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The backoff of failing sources (default <see cref="RetryBackoff.Default"/>).</summary>
    public RetryBackoff Backoff { get; set; } = RetryBackoff.Default;

    /// <summary>Fails on misconfiguration.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Backoff"/> is <see langword="null"/>.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPagesPerRun, 1, nameof(MaxPagesPerRun));
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "The request timeout must be positive.");
        ArgumentNullException.ThrowIfNull(Backoff, nameof(Backoff));
    }
}
