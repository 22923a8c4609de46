using System.Collections.Concurrent;
using SocialSla.Core.Cases;
using SocialSla.Core.Storage;
using SocialSla.Core.Triage;
using SocialSla.Standalone.Server.Configuration;

namespace SocialSla.Standalone.Server.Api;

/// <summary>Parsed case states and their excerpt's triage, kept between case-list requests and valid while the stored
/// bytes are the same: the board asks for every open case every few seconds, and parsing and triaging 5,000 stored
/// states took most of the answer's time (about 0.1 ms each), while judging their clocks takes little.</summary>
/// <remarks>Thread-safe. An entry is replaced when its row's stored state differs by a byte (compared in full: cheap
/// next to parsing, and unlike <c>updated_at</c> it cannot miss two writes at one instant); past
/// <see cref="MaxEntries"/> the whole cache is dropped (simple, and rare: the open cases of a busy team fit).</remarks>
internal sealed class CaseStateCache(ServerSettings settings)
{
    /// <summary>The most entries kept.</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A parsed state and its triage.</summary>
    public sealed record Entry(byte[] Stored, CaseState State, ExcerptVerdict Excerpt);

    /// <summary>Drops the entries of these cases (their personal data was erased: no parsed copy may outlive it).</summary>
    public void Forget(IReadOnlyCollection<string> ids)
    {
        foreach (var id in ids) _entries.TryRemove(id, out _);
    }

    /// <summary>The entry of a row, parsed and triaged with <paramref name="triage"/> on a miss.</summary>
    public Entry Get(string id, byte[] stored, Func<CaseState, ExcerptVerdict> triage)
    {
        if (_entries.TryGetValue(id, out var entry) && entry.Stored.AsSpan().SequenceEqual(stored)) return entry;
        var state = CaseStateJson.Read(stored, settings.Policy);
        entry = new Entry(stored, state, triage(state));
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[id] = entry;
        return entry;
    }
}
