namespace SocialSla.Core.Import;

/// <summary>Hands out one shared string instance per distinct character sequence, so repeated ids and handles are stored once.</summary>
/// <remarks>Not thread-safe. Lookups by span do not allocate; only a sequence seen for the first time is copied.</remarks>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public StringPool()
    {
        _strings = new Dictionary<string, string>(StringComparer.Ordinal);
        _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The pooled string equal to <paramref name="chars"/>.</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty) return "";
        if (_bySpan.TryGetValue(chars, out var pooled)) return pooled;
        var created = new string(chars);
        _strings.Add(created, created);
        return created;
    }
}
