namespace SocialSla.Standalone.Generate;

/// <summary>Mints snowflake-style ids that increase strictly with creation time.</summary>
/// <remarks>
/// An id is <c>(unixMs − X epoch) &lt;&lt; 22 | 22 random bits</c>. To make ids unique and strictly ordered by time,
/// no two pending messages share a millisecond: a claim bumps the time to the next free millisecond. Messages leave
/// the pending set when they are emitted, and every later message is created after the emitted ones, so the set stays
/// as small as the pending window.
/// </remarks>
internal sealed class SnowflakeClock(TrafficRandom random)
{
    private readonly HashSet<long> _pending = [];

    /// <summary>Claims <paramref name="unixMs"/> (or the next free millisecond) and returns its id.</summary>
    public long Claim(ref long unixMs)
    {
        while (!_pending.Add(unixMs)) unixMs++;
        return ((unixMs - GenerateOptions.SnowflakeEpochMilliseconds) << 22) | (long)(random.NextUInt64() & 0x3F_FFFF);
    }

    /// <summary>Frees a millisecond once its message is emitted or dropped.</summary>
    public void Release(long unixMs) => _pending.Remove(unixMs);
}
