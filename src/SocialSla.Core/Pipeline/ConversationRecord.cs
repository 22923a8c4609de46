using SocialSla.Core.Cases;

namespace SocialSla.Core.Pipeline;

/// <summary>What the pipeline remembers of a conversation: its current case and how many cases it has had.</summary>
/// <param name="CurrentCase">The case new messages go to, or <see langword="null"/> when the last one closed for good.</param>
/// <param name="Generation">How many cases the conversation has had (1 for the first).</param>
/// <param name="MergedInto">For a reply chain first known by a message that turned out not to be its root: the key
/// of the chain it was merged into. Messages of this conversation go there.</param>
public readonly record struct ConversationRecord(CaseId? CurrentCase, int Generation, string? MergedInto = null);
