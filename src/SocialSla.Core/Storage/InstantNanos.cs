using NodaTime;

namespace SocialSla.Core.Storage;

/// <summary>Instants and durations as whole nanoseconds, the unit stored state keeps them in.</summary>
/// <remarks>Ticks would not do: wake-ups are asked for one nanosecond after a threshold (a reply at exactly the target is
/// within it), and rounding that away would wake a case at the threshold itself, where nothing fires.</remarks>
public static class InstantNanos
{
    /// <summary>Nanoseconds since the Unix epoch (instants from 1678 to 2262).</summary>
    public static long ToNanos(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    /// <summary>The instant <paramref name="nanos"/> nanoseconds after the Unix epoch.</summary>
    public static Instant FromNanos(long nanos) => NodaConstants.UnixEpoch.PlusNanoseconds(nanos);
}
