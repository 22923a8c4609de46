using SocialSla.Core.Cases;

namespace SocialSla.Standalone.Server.Engine;

/// <summary>A change the API asks the engine to make to a case (the engine is the only writer of case state).</summary>
internal abstract record EngineRequest
{
    public TaskCompletionSource<EngineReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Resolve a case explicitly; <paramref name="By"/> and <paramref name="Role"/> name the caller for the audit log.</summary>
internal sealed record ResolveCaseRequest(CaseId Case, string By, string Role = "agent") : EngineRequest;

/// <summary>Erase a customer's personal data once every envelope up to <paramref name="InboxSeq"/> (all that was
/// acknowledged before the request) is applied, so none of them brings the data back afterwards.</summary>
internal sealed record EraseCustomerRequest(Core.Privacy.ErasureSubject Subject, string By, string Role, long InboxSeq) : EngineRequest
{
    /// <summary>What the erasure changed, set before the reply.</summary>
    public Storage.ErasureOutcome? Outcome { get; set; }

    /// <summary>Whether the write-ahead logs were emptied after the commit, set before the reply.</summary>
    public bool LogsTruncated { get; set; }
}

/// <summary>The outcome of an <see cref="EngineRequest"/>.</summary>
internal enum EngineReply
{
    Done = 1,
    NotFound,
    AlreadyResolved,
}
