using SocialSla.Core.Cases;

namespace SocialSla.Core.Storage.Tables;

/// <summary>What one run of the pipeline against <see cref="StagedPipelineState"/> gives back: the caller's result and
/// the commands to execute.</summary>
/// <typeparam name="T">The caller's result.</typeparam>
/// <param name="Result">The result.</param>
/// <param name="Commands">The commands the run produced (stored in the outbox with the state change).</param>
public readonly record struct PipelineStep<T>(T Result, IReadOnlyList<CaseCommand> Commands);
