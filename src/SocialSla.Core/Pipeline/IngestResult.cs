using SocialSla.Core.Cases;

namespace SocialSla.Core.Pipeline;

/// <summary>The outcome of ingesting one mention and the commands the host must execute.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Case">The case the mention went to, if any.</param>
/// <param name="Commands">Commands to execute, in order.</param>
public readonly record struct IngestResult(IngestOutcome Outcome, CaseId? Case, IReadOnlyList<CaseCommand> Commands);
