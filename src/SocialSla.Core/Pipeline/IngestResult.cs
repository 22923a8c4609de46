using SocialSla.Core.Cases;

namespace SocialSla.Core.Pipeline;

/// <summary>The outcome of ingesting one mention and the commands the host must execute.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Case">The case the mention went to, if any.</param>
/// <param name="Commands">Commands to execute, in order.</param>
/// <param name="Triage">Triage's verdict on the mention, when the pipeline triaged it (a new customer message under a
/// pipeline with triage); <see langword="null"/> otherwise.</param>
public readonly record struct IngestResult(IngestOutcome Outcome, CaseId? Case, IReadOnlyList<CaseCommand> Commands, Triage.TriageResult? Triage = null);
