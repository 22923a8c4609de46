using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>The known-customer (VIP) list: a lookup by platform and handle or author id.</summary>
/// <remarks>
/// <para>Import format (<see cref="TryRead"/>): CSV with a header naming any of <c>platform</c>, <c>handle</c>,
/// <c>id</c> and <c>priority</c> (other columns, such as a CRM's name or tier, are ignored). Each row needs a handle
/// or an id; an empty platform matches every platform; an empty priority is the list's default. Handles may start
/// with <c>@</c> and match ignoring case; ids match exactly.</para>
/// <para>Immutable and thread-safe. A lookup allocates nothing.</para>
/// </remarks>
public sealed class VipList
{
    private readonly Dictionary<(Platform?, string), Priority> _byHandle = new(HandleComparer.Instance);
    private readonly Dictionary<(Platform?, string), Priority> _byId = new();

    /// <summary>The empty list.</summary>
    public static VipList Empty { get; } = new([]);

    /// <summary>Creates a list.</summary>
    /// <exception cref="ArgumentException">An entry has neither a handle nor an id.</exception>
    public VipList(IEnumerable<VipEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var count = 0;
        foreach (var entry in entries)
        {
            var handle = entry.Handle?.Trim().TrimStart('@');
            var id = entry.AuthorId?.Trim();
            if (string.IsNullOrEmpty(handle) && string.IsNullOrEmpty(id))
                throw new ArgumentException($"VIP entry {count + 1} has neither a handle nor an id.", nameof(entries));
            if (!string.IsNullOrEmpty(handle)) Keep(_byHandle, (entry.Platform, handle), entry.Priority);
            if (!string.IsNullOrEmpty(id)) Keep(_byId, (entry.Platform, id), entry.Priority);
            count++;
        }
        Count = count;
    }

    /// <summary>The number of entries.</summary>
    public int Count { get; }

    private static void Keep(Dictionary<(Platform?, string), Priority> map, (Platform?, string) key, Priority priority)
    {
        if (!map.TryGetValue(key, out var had) || had < priority) map[key] = priority;
    }

    /// <summary>Finds the author of a message; the highest priority wins when both handle and id are listed.</summary>
    public bool TryMatch(Platform platform, Author author, out Priority priority)
    {
        ArgumentNullException.ThrowIfNull(author);
        priority = default;
        if (Count == 0) return false;
        var found = false;
        if (_byId.Count > 0)
        {
            found |= Take(_byId, (platform, author.Id), ref priority);
            found |= Take(_byId, (null, author.Id), ref priority);
        }
        if (_byHandle.Count > 0 && author.Handle is { Length: > 0 } handle)
        {
            if (handle[0] == '@') handle = handle[1..];
            found |= Take(_byHandle, (platform, handle), ref priority);
            found |= Take(_byHandle, (null, handle), ref priority);
        }
        return found;
    }

    private static bool Take(Dictionary<(Platform?, string), Priority> map, (Platform?, string) key, ref Priority best)
    {
        if (!map.TryGetValue(key, out var p)) return false;
        if (p > best) best = p;
        return true;
    }

    /// <summary>Reads a list from CSV (see the remarks for the columns).</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="defaultPriority">The priority of rows that name none.</param>
    /// <param name="list">The list.</param>
    /// <param name="error">The line and the problem, when the file cannot be used.</param>
    public static bool TryRead(TextReader reader, Priority defaultPriority, [NotNullWhen(true)] out VipList? list, [NotNullWhen(false)] out string? error)
    {
        list = null;
        if (!TryReadEntries(reader, defaultPriority, out var entries, out error)) return false;
        list = entries.Count == 0 ? Empty : new VipList(entries);
        return true;
    }

    internal static bool TryReadEntries(TextReader reader, Priority defaultPriority, out List<VipEntry> entries, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        entries = [];
        var csv = new CsvRecordReader(reader);
        if (!csv.ReadRecord())
        {
            error = null;
            return true;
        }
        int platformAt = -1, handleAt = -1, idAt = -1, priorityAt = -1;
        for (var f = 0; f < csv.FieldCount; f++)
        {
            var name = csv.Field(f).Trim();
            if (name.Equals("platform", StringComparison.OrdinalIgnoreCase)) platformAt = f;
            else if (name.Equals("handle", StringComparison.OrdinalIgnoreCase)) handleAt = f;
            else if (name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.Equals("authorId", StringComparison.OrdinalIgnoreCase)) idAt = f;
            else if (name.Equals("priority", StringComparison.OrdinalIgnoreCase)) priorityAt = f;
        }
        if (handleAt < 0 && idAt < 0)
        {
            error = "line 1: the header names neither a 'handle' nor an 'id' column.";
            return false;
        }
        while (csv.ReadRecord())
        {
            if (csv.Error is not null)
            {
                error = $"line {csv.RecordLine}: {csv.Error}";
                return false;
            }
            string? Field(int at) => at >= 0 && at < csv.FieldCount && csv.Field(at).Trim() is { Length: > 0 } v ? v.ToString() : null;
            Platform? platform = null;
            if (Field(platformAt) is { } platformName)
            {
                if (!PlatformNames.TryParse(platformName, out var parsed))
                {
                    error = $"line {csv.RecordLine}: unknown platform '{platformName}'.";
                    return false;
                }
                platform = parsed;
            }
            var priority = defaultPriority;
            if (Field(priorityAt) is { } priorityName && !TriagePriorities.TryParse(priorityName, out priority))
            {
                error = $"line {csv.RecordLine}: unknown priority '{priorityName}' (low, normal, high, urgent).";
                return false;
            }
            var handle = Field(handleAt);
            // A handle of only '@' names nobody (the list strips the '@'): the same as an empty cell.
            if (handle is not null && handle.Trim().TrimStart('@').Length == 0) handle = null;
            var id = Field(idAt);
            if (handle is null && id is null)
            {
                error = $"line {csv.RecordLine}: a row needs a handle or an id.";
                return false;
            }
            entries.Add(new VipEntry(platform, handle, id, priority));
        }
        error = null;
        return true;
    }

    private sealed class HandleComparer : IEqualityComparer<(Platform?, string)>
    {
        public static readonly HandleComparer Instance = new();

        public bool Equals((Platform?, string) x, (Platform?, string) y) =>
            x.Item1 == y.Item1 && string.Equals(x.Item2, y.Item2, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((Platform?, string) obj) =>
            HashCode.Combine(obj.Item1, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }
}
