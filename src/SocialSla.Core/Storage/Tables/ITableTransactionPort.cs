namespace SocialSla.Core.Storage.Tables;

/// <summary>A table that can also apply several conditional changes to one partition atomically (an entity group
/// transaction): the pipeline state store needs it so a delivery is never half applied.</summary>
/// <remarks>The Table service takes at most <see cref="MaxChanges"/> changes of one partition per transaction, each
/// entity at most once, and applies all of them or none.</remarks>
public interface ITableTransactionPort : ITableEntityPort
{
    /// <summary>The most changes one transaction may carry (the Table service's limit).</summary>
    const int MaxChanges = 100;

    /// <summary>Applies every change in <paramref name="partitionKey"/> or none; <see cref="TableWriteOutcome.Conflict"/>
    /// when one of them met another ETag, an existing entity (insert) or a missing one (replace, delete).</summary>
    Task<TableWriteOutcome> SubmitAsync(string partitionKey, IReadOnlyList<TableChange> changes, CancellationToken cancellationToken);
}
