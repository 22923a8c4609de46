namespace SocialSla.Core.Storage.Tables;

/// <summary>One conditional change of an entity, as part of an entity group transaction (<see cref="ITableTransactionPort"/>).</summary>
/// <param name="Kind">Insert, replace or delete.</param>
/// <param name="RowKey">The entity's row key (the partition is the transaction's).</param>
/// <param name="Properties">The properties to write; empty for a delete.</param>
/// <param name="ETag">The ETag read, for <see cref="TableChangeKind.Replace"/> and <see cref="TableChangeKind.Delete"/>;
/// <see langword="null"/> for an insert.</param>
/// <remarks>Every change is conditional: nothing in this model overwrites an entity it did not read.</remarks>
public sealed record TableChange(TableChangeKind Kind, string RowKey, IReadOnlyDictionary<string, object> Properties, string? ETag);
