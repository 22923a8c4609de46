using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pipeline;

/// <summary>Pipeline state in memory, for replay and tests.</summary>
/// <remarks>Not thread-safe.</remarks>
public sealed class InMemoryPipelineState : IPipelineState
{
    private readonly HashSet<IdempotencyKey> _seen = [];
    private readonly Dictionary<MentionId, string> _roots = [];
    private readonly Dictionary<ConversationKey, ConversationRecord> _conversations = [];
    private readonly Dictionary<CaseId, CaseState> _cases = [];

    /// <summary>Forgets everything (to reuse the instance for the next independent group of conversations).</summary>
    public void Clear()
    {
        _seen.Clear();
        _roots.Clear();
        _conversations.Clear();
        _cases.Clear();
    }

    /// <inheritdoc/>
    public bool TryMarkSeen(IdempotencyKey key) => _seen.Add(key);

    /// <inheritdoc/>
    public bool TryGetChainRoot(MentionId message, out string root) => _roots.TryGetValue(message, out root!);

    /// <inheritdoc/>
    public void SetChainRoot(MentionId message, string root) => _roots[message] = root;

    /// <inheritdoc/>
    public bool TryGetConversation(ConversationKey key, out ConversationRecord record) => _conversations.TryGetValue(key, out record);

    /// <inheritdoc/>
    public void SetConversation(ConversationKey key, ConversationRecord record) => _conversations[key] = record;

    /// <inheritdoc/>
    public CaseState? GetCase(CaseId id) => _cases.GetValueOrDefault(id);

    /// <inheritdoc/>
    public void PutCase(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _cases[state.Id] = state;
    }

    /// <inheritdoc/>
    public void RemoveCase(CaseId id) => _cases.Remove(id);
}
