using NodaTime;

namespace SocialSla.Core.Webhooks;

/// <summary>The replay window of signature schemes that sign a timestamp (Standard Webhooks, Stripe, Slack,
/// Zendesk): a delivery signed further than the window from now is refused, even with a good signature.</summary>
/// <remarks>The window is closed at both ends: a timestamp exactly <c>window</c> before or after <c>now</c> is inside.
/// Timestamps in the future count like past ones (clock skew between sender and receiver).</remarks>
public static class ReplayWindow
{
    /// <summary>The default window: 5 minutes either side of now (Stripe's, Slack's and Standard Webhooks' choice).</summary>
    public static Duration Default { get; } = Duration.FromMinutes(5);

    /// <summary>Whether <paramref name="signedAt"/> lies within <paramref name="window"/> of <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is negative.</exception>
    public static bool Contains(Instant signedAt, Instant now, Duration window)
    {
        if (window < Duration.Zero)
            throw new ArgumentOutOfRangeException(nameof(window), window, "The replay window must not be negative.");
        var distance = signedAt - now;
        return distance <= window && -distance <= window;
    }

    /// <summary>Resolves an optional window to the default and validates it.</summary>
    internal static Duration Resolve(Duration? window)
    {
        var value = window ?? Default;
        if (value < Duration.Zero)
            throw new ArgumentOutOfRangeException(nameof(window), value, "The replay window must not be negative.");
        return value;
    }
}
