namespace SocialSla.Core.Import;

/// <summary>One record an importer rejected, with where it starts and why.</summary>
/// <param name="Line">The 1-based physical line on which the rejected record starts.</param>
/// <param name="Reason">One sentence that says what is wrong with the record.</param>
/// <remarks>Equality is by value.</remarks>
public sealed record ImportIssue(long Line, string Reason);
