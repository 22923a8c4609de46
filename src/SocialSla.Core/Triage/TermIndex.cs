using System.Collections.Frozen;

namespace SocialSla.Core.Triage;

/// <summary>Configured term lists (urgent terms, routing terms, brand keywords, …) compiled into one table keyed by
/// each term's last word, so that one lookup per word of a message finds every list that names it.</summary>
/// <remarks>
/// <para>A term is one or more words, matched whole and ignoring case after the same tokenisation the scanner uses
/// (so <c>promo code</c> matches "PROMO-code"); a single-word term ending in <c>*</c> matches words that start with
/// it (<c>refund*</c>). A leading <c>#</c> or <c>@</c> is ignored.</para>
/// <para>Immutable and thread-safe once built.</para>
/// </remarks>
internal sealed class TermIndex
{
    private readonly FrozenDictionary<string, Entry[]> _byLast;
    private readonly FrozenDictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly (string Prefix, int Set)[] _prefixes;

    private sealed record Entry(int Set, string[] Preceding);

    public TermIndex(IReadOnlyList<IReadOnlyList<string>> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var byLast = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        var prefixes = new List<(string, int)>();
        for (var set = 0; set < sets.Count; set++)
        {
            foreach (var term in sets[set])
            {
                var words = Words(term);
                if (words.Length == 0) continue;
                if (words.Length == 1 && term.TrimEnd().EndsWith('*'))
                {
                    prefixes.Add((words[0], set));
                    continue;
                }
                if (!byLast.TryGetValue(words[^1], out var list)) byLast[words[^1]] = list = [];
                list.Add(new Entry(set, words[..^1]));
            }
        }
        SetCount = sets.Count;
        _byLast = byLast.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _lookup = _byLast.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixes = [.. prefixes];
    }

    /// <summary>The number of term lists.</summary>
    public int SetCount { get; }

    /// <summary>The number of <see cref="ulong"/> words a hit set of this index needs.</summary>
    public int HitWords => (SetCount + 63) >> 6;

    /// <summary>Splits a term into lower-case words the way the scanner splits text.</summary>
    public static string[] Words(string term)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= term.Length; i++)
        {
            var inWord = i < term.Length && (char.IsLetterOrDigit(term[i]) || (term[i] is '\'' or '\u2019' && start >= 0 && i + 1 < term.Length && char.IsLetter(term[i + 1])));
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(term[start..i].Replace('\u2019', '\'').ToLowerInvariant());
                start = -1;
            }
        }
        return [.. words];
    }

    /// <summary>Marks in <paramref name="hits"/> every list with a term that ends at <paramref name="word"/>.</summary>
    /// <param name="word">The current word, lower case.</param>
    /// <param name="lower">The lower-cased text the ring points into.</param>
    /// <param name="ring">The previous words as (start, length) pairs, most recent first.</param>
    /// <param name="ringCount">How many previous words the ring holds.</param>
    /// <param name="hits">One bit per list.</param>
    public void Match(ReadOnlySpan<char> word, ReadOnlySpan<char> lower, ReadOnlySpan<int> ring, int ringCount, Span<ulong> hits)
    {
        if (_lookup.TryGetValue(word, out var entries))
        {
            foreach (var entry in entries)
            {
                if (entry.Preceding.Length == 0 || PrecededBy(entry.Preceding, lower, ring, ringCount))
                    hits[entry.Set >> 6] |= 1UL << (entry.Set & 63);
            }
        }
        foreach (var (prefix, set) in _prefixes)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal)) hits[set >> 6] |= 1UL << (set & 63);
        }
    }

    /// <summary>Whether the words before the current one are <paramref name="preceding"/>.</summary>
    public static bool PrecededBy(string[] preceding, ReadOnlySpan<char> lower, ReadOnlySpan<int> ring, int ringCount)
    {
        if (preceding.Length > ringCount) return false;
        for (var k = 0; k < preceding.Length; k++)
        {
            var r = preceding.Length - 1 - k;
            if (!lower.Slice(ring[2 * r], ring[2 * r + 1]).SequenceEqual(preceding[k])) return false;
        }
        return true;
    }

    /// <summary>Whether list <paramref name="set"/> is marked in <paramref name="hits"/>.</summary>
    public static bool Has(ReadOnlySpan<ulong> hits, int set) => (hits[set >> 6] & (1UL << (set & 63))) != 0;
}
