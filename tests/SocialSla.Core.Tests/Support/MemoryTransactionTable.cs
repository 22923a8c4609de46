using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Tests.Support;

/// <summary>A table in memory with ETags and entity group transactions; <see cref="BeforeSubmit"/> lets a test slip a
/// rival write in between a run's reads and its commit.</summary>
internal sealed class MemoryTransactionTable : ITableTransactionPort
{
    private readonly Dictionary<(string, string), (Dictionary<string, object> Properties, int Version)> _rows = [];

    public Func<Task>? BeforeSubmit { get; set; }

    public int Submits { get; private set; }

    public int Conflicts { get; private set; }

    public int Reads { get; private set; }

    public IEnumerable<string> RowKeys(string partitionKey) =>
        _rows.Keys.Where(k => k.Item1 == partitionKey).Select(k => k.Item2).Order(StringComparer.Ordinal);

    public Task<TableEntityData?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(_rows.TryGetValue((partitionKey, rowKey), out var row)
            ? new TableEntityData(partitionKey, rowKey, row.Properties.ToDictionary(p => p.Key, p => (object?)p.Value), "v" + row.Version)
            : null);
    }

    public Task<TableWriteOutcome> InsertAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, CancellationToken cancellationToken) =>
        SubmitAsync(partitionKey, [new TableChange(TableChangeKind.Insert, rowKey, properties, null)], cancellationToken);

    public Task<TableWriteOutcome> ReplaceAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, string etag, CancellationToken cancellationToken) =>
        SubmitAsync(partitionKey, [new TableChange(TableChangeKind.Replace, rowKey, properties, etag)], cancellationToken);

    public async Task<TableWriteOutcome> SubmitAsync(string partitionKey, IReadOnlyList<TableChange> changes, CancellationToken cancellationToken)
    {
        var rival = BeforeSubmit;
        BeforeSubmit = null;
        if (rival is not null) await rival();
        Assert.InRange(changes.Count, 1, ITableTransactionPort.MaxChanges);
        Assert.Equal(changes.Count, changes.Select(c => c.RowKey).Distinct().Count());
        foreach (var change in changes)
        {
            var exists = _rows.TryGetValue((partitionKey, change.RowKey), out var row);
            var ok = change.Kind switch
            {
                TableChangeKind.Insert => !exists,
                _ => exists && "v" + row.Version == change.ETag,
            };
            if (!ok)
            {
                Conflicts++;
                return TableWriteOutcome.Conflict;
            }
        }
        foreach (var change in changes)
        {
            var key = (partitionKey, change.RowKey);
            if (change.Kind == TableChangeKind.Delete) _rows.Remove(key);
            else _rows[key] = (new(change.Properties), _rows.TryGetValue(key, out var row) ? row.Version + 1 : 1);
        }
        Submits++;
        return TableWriteOutcome.Written;
    }
}
