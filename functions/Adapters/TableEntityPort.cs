using Azure;
using Azure.Data.Tables;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Functions.Adapters;

/// <summary>Core's <see cref="ITableTransactionPort"/> on Azure.Data.Tables: moves property dictionaries, decides
/// nothing (the mapping, the merge and the retry loops are Core's, tested in tests/SocialSla.Core.Tests and against
/// Azurite in tests/SocialSla.Standalone.Tests/Azure).</summary>
public sealed class TableEntityPort(TableClient table) : ITableTransactionPort
{
    private int _created;

    public async Task<TableEntityData?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        var entity = response.Value!;
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") continue;
            properties[name] = value switch
            {
                BinaryData data => data.ToArray(),
                DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                _ => value,
            };
        }
        return new TableEntityData(entity.PartitionKey, entity.RowKey, properties, entity.ETag.ToString(), entity.Timestamp);
    }

    public async Task<TableWriteOutcome> InsertAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(partitionKey, rowKey, properties), cancellationToken);
            return TableWriteOutcome.Written;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return TableWriteOutcome.Conflict;
        }
    }

    public async Task<TableWriteOutcome> ReplaceAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(ToEntity(partitionKey, rowKey, properties), new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return TableWriteOutcome.Written;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return TableWriteOutcome.Conflict;
        }
    }

    /// <summary>Applies the changes as one entity group transaction (<c>SubmitTransactionAsync</c>): all or none; a 404,
    /// 409 or 412 on any of them is a conflict (the service rolls the whole batch back).</summary>
    public async Task<TableWriteOutcome> SubmitAsync(string partitionKey, IReadOnlyList<TableChange> changes, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var actions = new List<TableTransactionAction>(changes.Count);
        foreach (var change in changes)
        {
            var entity = ToEntity(partitionKey, change.RowKey, change.Properties);
            actions.Add(change.Kind switch
            {
                TableChangeKind.Insert => new TableTransactionAction(TableTransactionActionType.Add, entity),
                TableChangeKind.Replace => new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(change.ETag!)),
                TableChangeKind.Delete => new TableTransactionAction(TableTransactionActionType.Delete, entity, new ETag(change.ETag!)),
                _ => throw new ArgumentOutOfRangeException(nameof(changes), change.Kind, "Not a table change kind."),
            });
        }
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return TableWriteOutcome.Written;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // TableTransactionFailedException derives from RequestFailedException.
            return TableWriteOutcome.Conflict;
        }
    }

    /// <summary>Queries entities with an OData filter (Core builds it, e.g. <see cref="KpiTableEntity.DayRangeFilter"/>).</summary>
    public async IAsyncEnumerable<TableEntityData> QueryAsync(string filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in entity)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") continue;
                properties[name] = value switch
                {
                    BinaryData data => data.ToArray(),
                    DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                    _ => value,
                };
            }
            yield return new TableEntityData(entity.PartitionKey, entity.RowKey, properties, entity.ETag.ToString(), entity.Timestamp);
        }
    }

    private static TableEntity ToEntity(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in properties) entity[name] = value;
        return entity;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 1) return;
        await table.CreateIfNotExistsAsync(cancellationToken);
        Volatile.Write(ref _created, 1);
    }
}

/// <summary>The KPI table (a type of its own for dependency injection).</summary>
public sealed record KpiTable(TableEntityPort Port);

/// <summary>The pull cursor table.</summary>
public sealed record CursorTable(TableEntityPort Port);

/// <summary>The pipeline state table (<see cref="PipelineTableEntity"/>: seen deliveries, chain roots, conversations,
/// live cases, outbox).</summary>
public sealed record PipelineTable(TableEntityPort Port);

/// <summary>The alert table (<see cref="AlertTableEntity"/>).</summary>
public sealed record AlertTable(TableEntityPort Port);
