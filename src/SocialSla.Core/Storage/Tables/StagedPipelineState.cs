using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Storage.Tables;

/// <summary>The pipeline state of one platform's partition as a snapshot of the entities read so far plus the changes
/// staged on it: the synchronous <see cref="IPipelineState"/> the pipeline needs, on a store it can only reach
/// asynchronously.</summary>
/// <remarks>
/// <para>A run reads and writes rows; a row not yet loaded is reported in <see cref="Missing"/> (a read then answers
/// "absent"; a write needs the row's ETag, so it is reported too). The caller loads the missing rows
/// (<see cref="Load"/>), <see cref="Discard"/>s the staged changes and runs again; the pipeline is deterministic, so
/// the runs converge once every row it touches is loaded. <see cref="Changes"/> then gives one conditional change per
/// row that differs from what was read (<see cref="PipelineTableStore.RunAsync{T}"/> does all of this).</para>
/// <para>Not thread-safe.</para>
/// </remarks>
public sealed class StagedPipelineState : IPipelineState
{
    private readonly SlaPolicy _policy;
    private readonly Dictionary<string, TableEntityData?> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, object>?> _staged = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    /// <summary>Creates an empty snapshot of a platform's partition.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    public StagedPipelineState(Platform platform, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        Platform = platform;
        PartitionKey = PipelineTableEntity.PartitionKey(platform);
    }

    /// <summary>The platform whose state this is.</summary>
    public Platform Platform { get; }

    /// <summary>The partition every row of this state lives in.</summary>
    public string PartitionKey { get; }

    /// <summary>Rows the last run touched without their being loaded.</summary>
    public IReadOnlyCollection<string> Missing => _missing;

    /// <summary>Records what the store holds for a row (<see langword="null"/>: no entity).</summary>
    public void Load(string rowKey, TableEntityData? entity)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        _loaded[rowKey] = entity;
        _missing.Remove(rowKey);
    }

    /// <summary>Forgets the staged changes and the missing rows, keeping what was loaded: the start of a new run.</summary>
    public void Discard()
    {
        _staged.Clear();
        _touched.Clear();
        _missing.Clear();
    }

    /// <summary>The properties loaded for a row (<see langword="null"/>: no entity, or not loaded).</summary>
    public IReadOnlyDictionary<string, object?>? LoadedProperties(string rowKey) =>
        _loaded.TryGetValue(rowKey, out var entity) && IsPresent(entity) ? entity!.Properties : null;

    /// <summary>Stages a row of the caller's own (an outbox entry) to be written with the pipeline's changes.</summary>
    public void Stage(string rowKey, Dictionary<string, object>? properties) => Write(rowKey, properties);

    /// <summary>The conditional changes that commit the run, in row order; empty when the run wrote nothing.</summary>
    /// <remarks>Every row the run read is in the transaction too, so the commit fails when any of them changed since
    /// it was read (serializable, not just per-row): a row read and kept is replaced by itself with its ETag; a row
    /// read as absent is claimed with an empty entity (which reads as absent), so a rival that creates it in between
    /// makes the insert fail. Without this, two runs could each miss the other's new row (a reply and a follow-up
    /// arriving together would split one conversation in two).</remarks>
    /// <exception cref="InvalidOperationException">Rows are still missing.</exception>
    public IReadOnlyList<TableChange> Changes()
    {
        if (_missing.Count > 0) throw new InvalidOperationException($"{_missing.Count} rows are not loaded yet.");
        var writes = false;
        foreach (var (row, properties) in _staged)
        {
            var loaded = _loaded[row];
            if (properties is null ? IsPresent(loaded) : !IsPresent(loaded) || !SameProperties(loaded!.Properties, properties))
            {
                writes = true;
                break;
            }
        }
        if (!writes) return [];
        var changes = new List<TableChange>();
        foreach (var row in _touched.Order(StringComparer.Ordinal))
        {
            var loaded = _loaded[row];
            var properties = _staged.TryGetValue(row, out var staged) ? staged : loaded is null ? Empty : Copy(loaded.Properties);
            if (properties is null)
            {
                if (loaded is not null) changes.Add(new TableChange(TableChangeKind.Delete, row, Empty, ETagOf(loaded)));
                else changes.Add(new TableChange(TableChangeKind.Insert, row, Empty, null)); // claims the absence
            }
            else if (loaded is null)
            {
                changes.Add(new TableChange(TableChangeKind.Insert, row, properties, null));
            }
            else
            {
                changes.Add(new TableChange(TableChangeKind.Replace, row, properties, ETagOf(loaded)));
            }
        }
        return changes;
    }

    /// <inheritdoc/>
    public bool TryMarkSeen(IdempotencyKey key)
    {
        var row = PipelineTableEntity.SeenRow(key);
        if (Read(row) is not null) return false;
        Write(row, PipelineTableEntity.SeenProperties());
        return true;
    }

    /// <inheritdoc/>
    public bool TryGetChainRoot(MentionId message, out string root)
    {
        var properties = Read(PipelineTableEntity.RootRow(message));
        root = properties is null ? "" : PipelineTableEntity.ToRoot(properties);
        return properties is not null;
    }

    /// <inheritdoc/>
    public void SetChainRoot(MentionId message, string root) =>
        Write(PipelineTableEntity.RootRow(message), PipelineTableEntity.RootProperties(root));

    /// <inheritdoc/>
    public bool TryGetConversation(ConversationKey key, out ConversationRecord record)
    {
        var properties = Read(PipelineTableEntity.ConversationRow(key));
        record = properties is null ? default : PipelineTableEntity.ToConversation(properties);
        return properties is not null;
    }

    /// <inheritdoc/>
    public void SetConversation(ConversationKey key, ConversationRecord record) =>
        Write(PipelineTableEntity.ConversationRow(key), PipelineTableEntity.ConversationProperties(record));

    /// <inheritdoc/>
    public CaseState? GetCase(CaseId id)
    {
        var properties = Read(PipelineTableEntity.CaseRow(id));
        return properties is null ? null : PipelineTableEntity.ToCase(properties, _policy);
    }

    /// <inheritdoc/>
    public void PutCase(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Write(PipelineTableEntity.CaseRow(state.Id), PipelineTableEntity.CaseProperties(state));
    }

    /// <inheritdoc/>
    public void RemoveCase(CaseId id) => Write(PipelineTableEntity.CaseRow(id), null);

    private static readonly Dictionary<string, object> Empty = new(StringComparer.Ordinal);

    private IReadOnlyDictionary<string, object?>? Read(string row)
    {
        _touched.Add(row);
        if (_staged.TryGetValue(row, out var staged)) return staged is null ? null : Nullable(staged);
        if (_loaded.TryGetValue(row, out var loaded)) return IsPresent(loaded) ? loaded!.Properties : null;
        _missing.Add(row);
        return null;
    }

    private void Write(string row, Dictionary<string, object>? properties)
    {
        _touched.Add(row);
        if (!_loaded.ContainsKey(row)) _missing.Add(row);
        _staged[row] = properties;
    }

    private static Dictionary<string, object?> Nullable(Dictionary<string, object> properties)
    {
        var copy = new Dictionary<string, object?>(properties.Count, StringComparer.Ordinal);
        foreach (var (name, value) in properties) copy[name] = value;
        return copy;
    }

    // An entity without properties is a claim left by a run that read the row as absent: it reads as absent.
    private static bool IsPresent(TableEntityData? entity) => entity is not null && entity.Properties.Count > 0;

    private static Dictionary<string, object> Copy(IReadOnlyDictionary<string, object?> properties)
    {
        var copy = new Dictionary<string, object>(properties.Count, StringComparer.Ordinal);
        foreach (var (name, value) in properties)
            if (value is not null) copy[name] = value;
        return copy;
    }

    private static string ETagOf(TableEntityData entity) =>
        entity.ETag ?? throw new InvalidOperationException($"The table returned {entity.RowKey} without an ETag.");

    private static bool SameProperties(IReadOnlyDictionary<string, object?> stored, Dictionary<string, object> staged)
    {
        if (stored.Count != staged.Count) return false;
        foreach (var (name, value) in staged)
        {
            if (!stored.TryGetValue(name, out var other) || other is null) return false;
            var same = (value, other) switch
            {
                (int a, long b) => a == b,
                (long a, int b) => a == b,
                _ => value.Equals(other),
            };
            if (!same) return false;
        }
        return true;
    }
}
