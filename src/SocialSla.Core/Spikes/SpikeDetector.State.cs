using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace SocialSla.Core.Spikes;

/// <summary>The detector's whole state as bytes, so a host can keep it across restarts (SQLite in serve).</summary>
public sealed partial class SpikeDetector
{
    /// <summary>The first byte of the state format; a state of another version is refused.</summary>
    private const byte StateVersion = 1;

    /// <summary>The detector's state as bytes (little-endian, versioned): the per-minute ring, the hour-of-week
    /// baseline, the hours not yet folded into it, the negative share and where each kind of spike stands.</summary>
    /// <remarks>The options are not part of the state: a detector restored under changed options keeps its history and
    /// applies the new thresholds from then on.</remarks>
    public byte[] SaveState()
    {
        var size = 1 + RingMinutes * 16 + HoursPerWeek * 12 + 4 + _openHours.Count * 24 + 2 * 9 + 16 + 4 + _spikeHours.Count * 8 + 2 * 13;
        var bytes = new byte[size];
        var at = 0;
        bytes[at++] = StateVersion;
        for (var i = 0; i < RingMinutes; i++)
        {
            Put(bytes, ref at, _ringMinute[i]);
            Put(bytes, ref at, _ringCount[i]);
            Put(bytes, ref at, _ringNegative[i]);
        }
        for (var i = 0; i < HoursPerWeek; i++)
        {
            Put(bytes, ref at, _baselineCount[i]);
            Put(bytes, ref at, _baselineWeeks[i]);
        }
        Put(bytes, ref at, _openHours.Count);
        foreach (var (hour, (count, negatives)) in _openHours)
        {
            Put(bytes, ref at, hour);
            Put(bytes, ref at, count);
            Put(bytes, ref at, negatives);
        }
        PutOptional(bytes, ref at, _evaluatedThrough);
        PutOptional(bytes, ref at, _foldedBefore);
        Put(bytes, ref at, _negativeSum);
        Put(bytes, ref at, _totalSum);
        Put(bytes, ref at, _spikeHours.Count);
        foreach (var hour in _spikeHours) Put(bytes, ref at, hour);
        foreach (var trend in new[] { _volume, _negative })
        {
            PutOptional(bytes, ref at, trend.Active?.ToUnixTimeTicks());
            Put(bytes, ref at, trend.CoolMinutes);
        }
        return bytes;
    }

    /// <summary>A detector with the state <see cref="SaveState"/> wrote; <see langword="false"/> (and no detector) when the
    /// bytes are not such a state (truncated, another version, values out of range).</summary>
    public static bool TryRestore(SpikeOptions options, ReadOnlySpan<byte> state, [NotNullWhen(true)] out SpikeDetector? detector)
    {
        detector = null;
        var restored = new SpikeDetector(options);
        try
        {
            var at = 0;
            if (state.Length < 1 || state[at++] != StateVersion) return false;
            for (var i = 0; i < RingMinutes; i++)
            {
                restored._ringMinute[i] = Long(state, ref at);
                restored._ringCount[i] = NonNegative(Int(state, ref at));
                restored._ringNegative[i] = NonNegative(Int(state, ref at));
            }
            for (var i = 0; i < HoursPerWeek; i++)
            {
                restored._baselineCount[i] = Finite(Double(state, ref at));
                restored._baselineWeeks[i] = NonNegative(Int(state, ref at));
            }
            var open = NonNegative(Int(state, ref at));
            for (var i = 0; i < open; i++) restored._openHours[Long(state, ref at)] = (Long(state, ref at), Long(state, ref at));
            restored._evaluatedThrough = OptionalLong(state, ref at);
            restored._foldedBefore = OptionalLong(state, ref at);
            restored._negativeSum = Finite(Double(state, ref at));
            restored._totalSum = Finite(Double(state, ref at));
            var spikeHours = NonNegative(Int(state, ref at));
            for (var i = 0; i < spikeHours; i++) restored._spikeHours.Add(Long(state, ref at));
            foreach (var trend in new[] { restored._volume, restored._negative })
            {
                trend.Active = OptionalLong(state, ref at) is { } ticks ? Instant.FromUnixTimeTicks(ticks) : null;
                trend.CoolMinutes = NonNegative(Int(state, ref at));
            }
            if (at != state.Length) return false;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or FormatException)
        {
            return false;
        }
        detector = restored;
        return true;
    }

    private static void Put(byte[] bytes, ref int at, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), value);
        at += 8;
    }

    private static void Put(byte[] bytes, ref int at, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value);
        at += 4;
    }

    private static void Put(byte[] bytes, ref int at, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), value);
        at += 8;
    }

    private static void PutOptional(byte[] bytes, ref int at, long? value)
    {
        bytes[at++] = value is null ? (byte)0 : (byte)1;
        Put(bytes, ref at, value ?? 0);
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> state, ref int at, int length)
    {
        if (at + length > state.Length) throw new FormatException("The spike detector state is truncated.");
        var slice = state.Slice(at, length);
        at += length;
        return slice;
    }

    private static long Long(ReadOnlySpan<byte> state, ref int at) => BinaryPrimitives.ReadInt64LittleEndian(Take(state, ref at, 8));

    private static int Int(ReadOnlySpan<byte> state, ref int at) => BinaryPrimitives.ReadInt32LittleEndian(Take(state, ref at, 4));

    private static double Double(ReadOnlySpan<byte> state, ref int at) => BinaryPrimitives.ReadDoubleLittleEndian(Take(state, ref at, 8));

    private static long? OptionalLong(ReadOnlySpan<byte> state, ref int at)
    {
        var present = Take(state, ref at, 1)[0];
        var value = Long(state, ref at);
        return present switch { 0 => null, 1 => value, _ => throw new FormatException("The spike detector state has a bad flag.") };
    }

    private static int NonNegative(int value) => value >= 0 ? value : throw new FormatException("The spike detector state has a negative count.");

    private static double Finite(double value) => double.IsFinite(value) && value >= 0 ? value : throw new FormatException("The spike detector state has a bad sum.");
}
