using System.Runtime.CompilerServices;

namespace SocialSla.Core.Triage;

/// <summary>An open-addressing table from lower-case word to <see cref="WordInfo"/>, looked up by a span and a hash
/// the scanner computes while it lower-cases the word (<see cref="Hash"/>), so a lookup reads the word only to
/// compare it.</summary>
/// <remarks>Immutable once built; thread-safe for reads.</remarks>
internal sealed class WordTable
{
    private readonly string[] _keys;
    private readonly uint[] _hashes;
    private readonly WordInfo[] _values;
    private readonly int _mask;

    public WordTable(IReadOnlyDictionary<string, WordInfo> words)
    {
        var size = 16;
        while (size < words.Count * 3) size <<= 1;
        _keys = new string[size];
        _hashes = new uint[size];
        _values = new WordInfo[size];
        _mask = size - 1;
        foreach (var (key, value) in words)
        {
            var h = Hash(key);
            var at = (int)(h & (uint)_mask);
            while (_keys[at] is not null) at = (at + 1) & _mask;
            _keys[at] = key;
            _hashes[at] = h;
            _values[at] = value;
        }
    }

    /// <summary>The hash the table uses: FNV-1a over the UTF-16 code units.</summary>
    public static uint Hash(ReadOnlySpan<char> word)
    {
        var h = Seed;
        foreach (var c in word) h = Step(h, c);
        return h;
    }

    public const uint Seed = 2166136261;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Step(uint h, char c) => (h ^ c) * 16777619;

    /// <summary>Looks a word up by its text and its <see cref="Hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(ReadOnlySpan<char> word, uint hash, out WordInfo value)
    {
        var at = (int)(hash & (uint)_mask);
        while (true)
        {
            var key = _keys[at];
            if (key is null) break;
            if (_hashes[at] == hash && word.SequenceEqual(key))
            {
                value = _values[at];
                return true;
            }
            at = (at + 1) & _mask;
        }
        value = default;
        return false;
    }
}
