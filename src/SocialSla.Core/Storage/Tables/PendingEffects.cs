using SocialSla.Core.Pipeline;

namespace SocialSla.Core.Storage.Tables;

/// <summary>An outbox entry read back: effects committed with a state change and not yet confirmed as executed.</summary>
/// <param name="PartitionKey">Its partition.</param>
/// <param name="RowKey">Its row.</param>
/// <param name="ETag">The ETag read (the entry is deleted only if unchanged).</param>
/// <param name="Effects">What to execute.</param>
public sealed record PendingEffects(string PartitionKey, string RowKey, string ETag, PipelineEffects Effects);
