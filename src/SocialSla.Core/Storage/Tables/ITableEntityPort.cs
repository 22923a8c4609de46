namespace SocialSla.Core.Storage.Tables;

/// <summary>How a conditional write ended.</summary>
public enum TableWriteOutcome
{
    /// <summary>The entity was written.</summary>
    Written = 1,

    /// <summary>Someone else got there first: an insert found the entity (409) or a replace found another ETag (412).</summary>
    Conflict,
}

/// <summary>One table as the KPI and cursor stores need it: read an entity with its ETag, insert it, replace it if its
/// ETag is still the one read. The Functions app implements it with Azure.Data.Tables, tests with the REST API.</summary>
public interface ITableEntityPort
{
    /// <summary>The entity, with its ETag, or <see langword="null"/> when there is none (404).</summary>
    Task<TableEntityData?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Inserts an entity; <see cref="TableWriteOutcome.Conflict"/> when it already exists (409).</summary>
    Task<TableWriteOutcome> InsertAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, CancellationToken cancellationToken);

    /// <summary>Replaces an entity whose ETag is still <paramref name="etag"/> (<c>If-Match</c>);
    /// <see cref="TableWriteOutcome.Conflict"/> when it changed (412) or vanished (404).</summary>
    Task<TableWriteOutcome> ReplaceAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, string etag, CancellationToken cancellationToken);
}

/// <summary>Read → merge → conditional write, again from the read on every conflict: the only way the stores change an
/// entity, so concurrent writers never lose each other's increments.</summary>
public static class OptimisticMerge
{
    /// <summary>The attempts <see cref="MergeAsync"/> makes by default before giving up.</summary>
    public const int DefaultMaxAttempts = 50;

    /// <summary>Merges into one entity: reads it, computes the new properties with <paramref name="merge"/> (given the
    /// stored properties, or <see langword="null"/> when there is no entity), and inserts or replaces with the ETag read,
    /// starting over on a conflict.</summary>
    /// <returns>The number of conflicts met before the write went through.</returns>
    /// <exception cref="TableConcurrencyException">Every one of <paramref name="maxAttempts"/> attempts met a conflict.</exception>
    public static async Task<int> MergeAsync(ITableEntityPort table, TableEntityAddress address,
        Func<IReadOnlyDictionary<string, object?>?, Dictionary<string, object>> merge, int maxAttempts = DefaultMaxAttempts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(merge);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            var stored = await table.GetAsync(address.PartitionKey, address.RowKey, cancellationToken).ConfigureAwait(false);
            var properties = merge(stored?.Properties);
            var outcome = stored is null
                ? await table.InsertAsync(address.PartitionKey, address.RowKey, properties, cancellationToken).ConfigureAwait(false)
                : await table.ReplaceAsync(address.PartitionKey, address.RowKey, properties,
                    stored.ETag ?? throw new InvalidOperationException("The table returned an entity without an ETag."), cancellationToken).ConfigureAwait(false);
            if (outcome == TableWriteOutcome.Written) return attempt;
        }
        throw new TableConcurrencyException($"{address.PartitionKey} / {address.RowKey} changed under each of {maxAttempts} attempts to merge into it.");
    }

    /// <summary>Merges KPI commands into their entities: coalesced first (<see cref="KpiTableEntity.Coalesce"/>), so
    /// each entity is written once, then each merged with <see cref="KpiTableEntity.Merge"/>.</summary>
    /// <returns>The number of conflicts met in all.</returns>
    public static async Task<int> RecordKpisAsync(ITableEntityPort table, IEnumerable<Cases.RecordKpi> commands,
        int maxAttempts = DefaultMaxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var conflicts = 0;
        foreach (var (key, delta) in KpiTableEntity.Coalesce(commands))
        {
            conflicts += await MergeAsync(table, KpiTableEntity.AddressOf(key), stored => KpiTableEntity.Merge(stored, key, delta),
                maxAttempts, cancellationToken).ConfigureAwait(false);
        }
        return conflicts;
    }
}

/// <summary>An entity kept changing under <see cref="OptimisticMerge.MergeAsync"/>; nothing was written. The caller
/// retries later (a Durable activity retry, a redelivered message).</summary>
public sealed class TableConcurrencyException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public TableConcurrencyException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TableConcurrencyException() : base("An entity kept changing under a merge.")
    {
    }

    /// <summary>Creates the exception with the reason and the cause.</summary>
    public TableConcurrencyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
