using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pipeline;

/// <summary>The state the pipeline reads and writes: seen deliveries, reply-chain roots, conversations and cases.</summary>
/// <remarks>The Standalone host backs it with SQLite, replay with memory. Calls for one mention happen in one unit
/// of work; a host that persists must commit them together so a delivery is never half applied.</remarks>
public interface IPipelineState
{
    /// <summary>Marks a delivery as seen; <see langword="false"/> when it was seen before.</summary>
    bool TryMarkSeen(IdempotencyKey key);

    /// <summary>The root key of the reply chain a message belongs to, when the message is known.</summary>
    bool TryGetChainRoot(MentionId message, out string root);

    /// <summary>Remembers the root key of a message's reply chain.</summary>
    void SetChainRoot(MentionId message, string root);

    /// <summary>The conversation's record, when it has one.</summary>
    bool TryGetConversation(ConversationKey key, out ConversationRecord record);

    /// <summary>Stores the conversation's record.</summary>
    void SetConversation(ConversationKey key, ConversationRecord record);

    /// <summary>A live case, or <see langword="null"/>.</summary>
    CaseState? GetCase(CaseId id);

    /// <summary>Stores a live case.</summary>
    void PutCase(CaseState state);

    /// <summary>Forgets a case that closed for good (its KPI contribution is already recorded).</summary>
    void RemoveCase(CaseId id);

    /// <summary>Forgets case <paramref name="from"/>, whose messages now belong to case <paramref name="into"/> (two parts of
    /// one conversation that were first taken for two). Stores that index messages by case move them.</summary>
    void MergeCase(CaseId from, CaseId into) => RemoveCase(from);
}
