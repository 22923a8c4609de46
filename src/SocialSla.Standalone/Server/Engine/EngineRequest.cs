using SocialSla.Core.Cases;

namespace SocialSla.Standalone.Server.Engine;

/// <summary>A change the API asks the engine to make to a case (the engine is the only writer of case state).</summary>
internal abstract record EngineRequest
{
    public TaskCompletionSource<EngineReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Resolve a case explicitly.</summary>
internal sealed record ResolveCaseRequest(CaseId Case, string By) : EngineRequest;

/// <summary>The outcome of an <see cref="EngineRequest"/>.</summary>
internal enum EngineReply
{
    Done = 1,
    NotFound,
    AlreadyResolved,
}
