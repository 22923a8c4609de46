using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SocialSla.Core.Tests.Support;

/// <summary>Hostile inputs for parser property tests (issue #8): random bytes, and valid payloads mutated by
/// truncation, byte flips, insertions, deletions, invalid UTF-8, duplicated or renamed keys (an unpaired surrogate escape among them), duplicated slices, values swapped for other
/// JSON types or null, huge strings and deep nesting; plus <see cref="Bounded{T}"/>, which runs one parse with a time
/// and an allocation bound.</summary>
/// <remarks>Shared with the Standalone tests (linked into that project).</remarks>
internal static class HostileInput
{
    /// <summary>How long one parse may take. Generous: the inputs are at most a few MiB and a parse takes
    /// milliseconds; the bound is there to catch a hang or a quadratic blow-up, not to measure speed on a loaded
    /// machine.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(5);

    /// <summary>Bytes a parse may allocate per input byte, on top of <see cref="AllocationFloor"/>.</summary>
    public const long AllocationPerInputByte = 64;

    /// <summary>Bytes any parse may allocate whatever the input (tables, buffers, pools).</summary>
    public const long AllocationFloor = 32L * 1024 * 1024;

    /// <summary>Nesting depth of the deep-nesting inputs.</summary>
    public const int DeepNesting = 100_000;

    /// <summary>Length of the huge strings spliced into payloads.</summary>
    public const int HugeLength = 512 * 1024;

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0x80],
    ];

    private static readonly string[] OtherValues =
    [
        "null", "0", "-1", "1e309", "18446744073709551616", "\"\"", "\"x\"", "true", "[]", "{}", "[null]", "{\"a\":null}",
        "\"\\ud800\"", "\"2026-13-45T99:99:99Z\"", "-0.0", "\"\\u0000\"",
    ];

    private static readonly byte[] Interesting =
        [(byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'<', (byte)'>', (byte)'&',
         (byte)'0', (byte)'-', (byte)'\\', (byte)'\n', (byte)'\r', (byte)' ', 0x00, 0xC3, 0xFF, 0x80, (byte)'e', (byte)'/'];

    /// <summary>One edit of a payload: its kind, a position and a value (both reduced modulo what applies).</summary>
    public readonly record struct Edit(int Kind, int At, int Value)
    {
        public override string ToString() => $"{(EditKind)(Kind % KindCount)}@{At}:{Value}";
    }

    private enum EditKind { Overwrite, Insert, Delete, Truncate, InvalidUtf8, DuplicateSlice, SwapValue, DuplicateKey, HugeString, Nest, RenameKey }

    private const int KindCount = 11;

    /// <summary>A case: which seed, which edits.</summary>
    public readonly record struct Mutation(int Seed, Edit[] Edits)
    {
        public override string ToString() => $"seed {Seed}: {string.Join(", ", Edits)}";
    }

    /// <summary>Mutations of the seeds: 1 to 6 edits of any kind.</summary>
    public static Arbitrary<Mutation> Mutations(int seeds, int maxEdits = 6)
    {
        var edit = from kind in Gen.Choose(0, KindCount - 1)
                   from at in Gen.Choose(0, int.MaxValue)
                   from value in Gen.Choose(0, int.MaxValue)
                   select new Edit(kind, at, value);
        return (from seed in Gen.Choose(0, seeds - 1)
                from count in Gen.Choose(1, maxEdits)
                from edits in Gen.ArrayOf(edit, count)
                select new Mutation(seed, edits)).ToArbitrary();
    }

    /// <summary>Random byte strings (biased towards structural characters), up to 512 bytes.</summary>
    public static Arbitrary<byte[]> RandomBytes()
    {
        var b = Gen.OneOf(Gen.Choose(0, 255).Select(i => (byte)i), Gen.Elements(Interesting));
        return (from length in Gen.Choose(0, 512) from bytes in Gen.ArrayOf(b, length) select bytes).ToArbitrary();
    }

    /// <summary>Applies the edits to a copy of <paramref name="seed"/>.</summary>
    public static byte[] Apply(byte[] seed, IEnumerable<Edit> edits)
    {
        var bytes = new List<byte>(seed);
        foreach (var edit in edits) ApplyOne(bytes, edit);
        return [.. bytes];
    }

    private static void ApplyOne(List<byte> bytes, Edit edit)
    {
        var n = bytes.Count;
        var i = n == 0 ? 0 : edit.At % n;
        switch ((EditKind)(edit.Kind % KindCount))
        {
            case EditKind.Overwrite when n > 0:
                bytes[i] = Interesting[edit.Value % Interesting.Length];
                break;
            case EditKind.Insert:
                bytes.Insert(i, Interesting[edit.Value % Interesting.Length]);
                break;
            case EditKind.Delete when n > 0:
                bytes.RemoveRange(i, Math.Min(n - i, 1 + edit.Value % 8));
                break;
            case EditKind.Truncate:
                bytes.RemoveRange(i, n - i);
                break;
            case EditKind.InvalidUtf8:
                bytes.InsertRange(i, InvalidUtf8[edit.Value % InvalidUtf8.Length]);
                break;
            case EditKind.DuplicateSlice when n > 0:
                var length = Math.Min(n - i, 1 + edit.Value % 64);
                bytes.InsertRange(i + length, bytes.GetRange(i, length));
                break;
            case EditKind.SwapValue:
                SwapValue(bytes, edit);
                break;
            case EditKind.DuplicateKey:
                DuplicateKey(bytes, edit);
                break;
            case EditKind.HugeString:
                // Inside a string where there is one (after a quote), else anywhere.
                var quote = bytes.IndexOf((byte)'"', i);
                var at = quote < 0 ? i : quote + 1;
                var fill = (byte)"aZ9 \\"[edit.Value % 4];
                bytes.InsertRange(at, Enumerable.Repeat(fill == (byte)'\\' ? (byte)'a' : fill, HugeLength));
                break;
            case EditKind.RenameKey:
                RenameKey(bytes, edit);
                break;
            case EditKind.Nest:
                // Wraps a value (or the position) in many levels of arrays or objects.
                var depth = 1 + edit.Value % 2_000;
                var (open, close) = (edit.Value & 1) == 0 ? ("[", "]") : ("{\"k\":", "}");
                var (start, end) = ValueAt(bytes, i) ?? (i, i);
                bytes.InsertRange(end, Encoding.ASCII.GetBytes(Repeat(close, depth)));
                bytes.InsertRange(start, Encoding.ASCII.GetBytes(Repeat(open, depth)));
                break;
        }
    }

    /// <summary>Replaces the JSON value after the <c>:</c> nearest to the position with another type, or null.</summary>
    private static void SwapValue(List<byte> bytes, Edit edit)
    {
        var colons = Positions(bytes, (byte)':');
        if (colons.Count == 0) return;
        var colon = colons[edit.At % colons.Count];
        if (ValueAt(bytes, colon + 1) is not var (start, end)) return;
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.UTF8.GetBytes(OtherValues[edit.Value % OtherValues.Length]));
    }

    /// <summary>Repeats a <c>"key":value</c> member in place, so the object holds the key twice.</summary>
    private static void DuplicateKey(List<byte> bytes, Edit edit)
    {
        var colons = Positions(bytes, (byte)':');
        if (colons.Count == 0) return;
        var colon = colons[edit.At % colons.Count];
        if (colon == 0 || bytes[colon - 1] != (byte)'"') return;
        var keyStart = bytes.LastIndexOf((byte)'"', colon - 2);
        if (keyStart < 0 || ValueAt(bytes, colon + 1) is not var (_, end)) return;
        var member = bytes.GetRange(keyStart, end - keyStart);
        member.Add((byte)',');
        bytes.InsertRange(keyStart, member);
    }

    private static readonly string[] OtherKeys = ["\"\\ud800\"", "\"\"", "\"\\u0000\"", "\"__proto__\"", "\"ID\"", "\"\\udfff\\ud800\""];

    /// <summary>Renames the key before a <c>:</c>: an unpaired surrogate escape, empty, NUL, another case.</summary>
    private static void RenameKey(List<byte> bytes, Edit edit)
    {
        var colons = Positions(bytes, (byte)':');
        if (colons.Count == 0) return;
        var colon = colons[edit.At % colons.Count];
        if (colon == 0 || bytes[colon - 1] != (byte)'"') return;
        var keyStart = bytes.LastIndexOf((byte)'"', colon - 2);
        if (keyStart < 0) return;
        bytes.RemoveRange(keyStart, colon - keyStart);
        bytes.InsertRange(keyStart, Encoding.ASCII.GetBytes(OtherKeys[edit.Value % OtherKeys.Length]));
    }

    /// <summary>The extent of the JSON value starting at or after <paramref name="from"/> (skipping spaces): a string,
    /// a bracketed value (brackets counted outside strings) or a bare token.</summary>
    private static (int Start, int End)? ValueAt(List<byte> bytes, int from)
    {
        var start = from;
        while (start < bytes.Count && bytes[start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') start++;
        if (start >= bytes.Count) return null;
        var end = start;
        switch (bytes[start])
        {
            case (byte)'"':
                end++;
                while (end < bytes.Count && bytes[end] != (byte)'"') end += bytes[end] == (byte)'\\' ? 2 : 1;
                return (start, Math.Min(end + 1, bytes.Count));
            case (byte)'{' or (byte)'[':
                var depth = 0;
                var inString = false;
                for (; end < bytes.Count; end++)
                {
                    var b = bytes[end];
                    if (inString) { if (b == (byte)'\\') end++; else if (b == (byte)'"') inString = false; continue; }
                    if (b == (byte)'"') inString = true;
                    else if (b is (byte)'{' or (byte)'[') depth++;
                    else if (b is (byte)'}' or (byte)']' && --depth == 0) return (start, end + 1);
                }
                return (start, bytes.Count);
            default:
                while (end < bytes.Count && bytes[end] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)'\n')) end++;
                return (start, end);
        }
    }

    private static List<int> Positions(List<byte> bytes, byte value)
    {
        var list = new List<int>();
        for (var i = 0; i < bytes.Count; i++) if (bytes[i] == value) list.Add(i);
        return list;
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    /// <summary><paramref name="depth"/> nested JSON arrays around <c>0</c>.</summary>
    public static byte[] NestedJsonArrays(int depth = DeepNesting) => Encoding.ASCII.GetBytes(Repeat("[", depth) + "0" + Repeat("]", depth));

    /// <summary><paramref name="depth"/> nested JSON objects (<c>{"a":{"a":…}}</c>).</summary>
    public static byte[] NestedJsonObjects(int depth = DeepNesting) => Encoding.ASCII.GetBytes(Repeat("{\"a\":", depth) + "0" + Repeat("}", depth));

    /// <summary>A valid JSON payload with its first value replaced by <paramref name="depth"/> nested arrays.</summary>
    public static byte[] NestedInside(byte[] seed, int depth = DeepNesting)
    {
        var bytes = new List<byte>(seed);
        var colon = bytes.IndexOf((byte)':');
        if (colon < 0 || ValueAt(bytes, colon + 1) is not var (start, end)) return NestedJsonArrays(depth);
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, NestedJsonArrays(depth));
        return [.. bytes];
    }

    /// <summary>Runs <paramref name="parse"/> on a thread of its own and returns its result; fails when it throws (the
    /// exception is rethrown as is), runs longer than <see cref="TimeBound"/> or allocates more than
    /// <see cref="AllocationFloor"/> + <see cref="AllocationPerInputByte"/> × <paramref name="inputBytes"/>.</summary>
    public static T Bounded<T>(long inputBytes, Func<T> parse)
    {
        long allocated = 0;
        var task = Task.Factory.StartNew(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = parse();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            return result;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        bool completed;
        try
        {
            completed = task.Wait(TimeBound);
        }
        catch (AggregateException)
        {
            completed = true;
        }
        if (!completed)
            throw new TimeoutException($"The parse of {inputBytes} bytes did not complete within {TimeBound.TotalSeconds} s.");
        var value = task.GetAwaiter().GetResult();
        var limit = AllocationFloor + AllocationPerInputByte * inputBytes;
        if (allocated > limit)
            throw new InvalidOperationException($"The parse of {inputBytes} bytes allocated {allocated} bytes (bound {limit}).");
        return value;
    }
}
