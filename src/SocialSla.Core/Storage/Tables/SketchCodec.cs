using SocialSla.Core.Kpis;

namespace SocialSla.Core.Storage.Tables;

/// <summary>The compact binary form of a <see cref="QuantileSketch"/>'s buckets, for an Edm.Binary property.</summary>
/// <remarks>
/// <para>Layout: a version byte (1), the zero bucket's count, then for each other bucket in index order the index's
/// difference from the previous index (the first from 0) and the count, every number a zigzag LEB128 varint. A sketch of
/// a few hundred buckets takes about a kilobyte; the widest sketch seconds can make (every bucket from 1 ms to
/// 30 days, each with millions of values) about 11 KiB, well inside the 64 KiB of one property.</para>
/// <para>Counts may be negative (a delta that retracts values), so the codec serves deltas and totals alike.</para>
/// </remarks>
public static class SketchCodec
{
    private const byte Version = 1;

    /// <summary>Encodes the sketch's buckets.</summary>
    public static byte[] Encode(QuantileSketch sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        var output = new List<byte>(64) { Version };
        long zero = 0;
        var buckets = new List<KeyValuePair<int, long>>();
        foreach (var bucket in sketch.Buckets())
        {
            if (bucket.Key == int.MinValue) zero = bucket.Value;
            else buckets.Add(bucket);
        }
        WriteVarint(output, zero);
        long previous = 0;
        foreach (var (index, count) in buckets)
        {
            WriteVarint(output, index - previous);
            WriteVarint(output, count);
            previous = index;
        }
        return [.. output];
    }

    /// <summary>Decodes bytes written by <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The bytes are not an encoded sketch.</exception>
    public static QuantileSketch Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0 || bytes[0] != Version)
            throw new FormatException(bytes.Length == 0 ? "An encoded sketch is empty." : $"An encoded sketch has version {bytes[0]}, not {Version}.");
        var at = 1;
        var buckets = new List<KeyValuePair<int, long>>();
        var zero = ReadVarint(bytes, ref at);
        if (zero != 0) buckets.Add(new(int.MinValue, zero));
        long index = 0;
        while (at < bytes.Length)
        {
            index += ReadVarint(bytes, ref at);
            if (at >= bytes.Length) throw new FormatException("An encoded sketch ends inside a bucket.");
            var count = ReadVarint(bytes, ref at);
            if (index is <= int.MinValue or > int.MaxValue) throw new FormatException("An encoded sketch has a bucket index out of range.");
            buckets.Add(new((int)index, count));
        }
        return QuantileSketch.FromBuckets(buckets);
    }

    private static void WriteVarint(List<byte> output, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            output.Add((byte)(zigzag | 0x80));
            zigzag >>= 7;
        }
        output.Add((byte)zigzag);
    }

    private static long ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (at >= bytes.Length) throw new FormatException("An encoded sketch ends inside a number.");
            var b = bytes[at++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return (long)(result >> 1) ^ -(long)(result & 1);
        }
        throw new FormatException("An encoded sketch has a number longer than ten bytes.");
    }
}
