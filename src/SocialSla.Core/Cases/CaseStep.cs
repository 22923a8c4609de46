namespace SocialSla.Core.Cases;

/// <summary>The result of one step of the case machine: the new state and the commands to execute.</summary>
/// <param name="State">The case after the step.</param>
/// <param name="Commands">What the host must do, in order.</param>
public readonly record struct CaseStep(CaseState State, IReadOnlyList<CaseCommand> Commands);
