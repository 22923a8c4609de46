using NodaTime;
using SocialSla.Core.Cases;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>Storm control: when more than <see cref="StormOptions.Threshold"/> alerts of one level for one account
/// reach one recipient within <see cref="StormOptions.Window"/>, the rest go out as one grouped incident with a
/// rolling count and a list of cases, updated at most every <see cref="StormOptions.UpdateEvery"/>, and closed after
/// <see cref="StormOptions.EndsAfterQuiet"/> without a new one.</summary>
/// <remarks>Time is an argument (each alert's raised instant, and <c>now</c> for <see cref="Advance"/>); the state
/// is in memory, the host keeps one instance for its dispatcher. Every admitted alert is accounted for exactly once:
/// delivered on its own, or counted in one group.</remarks>
public sealed class StormControl
{
    private readonly StormOptions _options;
    private readonly Dictionary<StormKey, Queue<(Instant At, CaseId Case)>> _recent = [];
    private readonly Dictionary<StormKey, Group> _groups = [];

    /// <summary>Storm control with <paramref name="options"/>.</summary>
    public StormControl(StormOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Groups open now.</summary>
    public int OpenGroups => _groups.Count;

    /// <summary>When the earliest open group closes if nothing joins it, or <see langword="null"/> with none open.</summary>
    public Instant? NextCloseAt => _groups.Count == 0 ? null : _groups.Values.Min(g => g.LastMemberAt) + _options.EndsAfterQuiet;

    /// <summary>Decides what <paramref name="key"/>'s recipient gets for an alert on <paramref name="case"/> raised at
    /// <paramref name="at"/>.</summary>
    public StormDecision Admit(StormKey key, CaseId @case, Instant at)
    {
        if (_groups.TryGetValue(key, out var group))
        {
            group.Add(@case, at, _options.ListedCases);
            if (at - group.LastSentAt < _options.UpdateEvery) return Decision(StormAction.Fold, key, group);
            group.LastSentAt = at;
            return Decision(StormAction.UpdateGroup, key, group);
        }

        if (!_recent.TryGetValue(key, out var recent)) _recent[key] = recent = new Queue<(Instant, CaseId)>();
        while (recent.TryPeek(out var oldest) && oldest.At <= at - _options.Window) recent.Dequeue();
        recent.Enqueue((at, @case));
        if (recent.Count <= _options.Threshold) return new StormDecision(StormAction.Deliver, key, null, 0, [], null);

        // The storm counts the alerts that led to it too (they were delivered on their own, and are listed again).
        var opened = new Group($"storm:{key.Recipient}:{key.Account}:{SlaAlertJson.KindName(key.Level)}:{recent.Peek().At.ToUnixTimeTicks()}", recent.Peek().At);
        foreach (var (memberAt, member) in recent) opened.Add(member, memberAt, _options.ListedCases);
        opened.LastSentAt = at;
        recent.Clear();
        _groups[key] = opened;
        return Decision(StormAction.OpenGroup, key, opened);
    }

    /// <summary>Closes the groups quiet for <see cref="StormOptions.EndsAfterQuiet"/> by <paramref name="now"/>,
    /// with their final counts, and forgets counts older than the window.</summary>
    public IReadOnlyList<StormDecision> Advance(Instant now)
    {
        var closed = new List<StormDecision>();
        foreach (var (key, group) in _groups.Where(g => now - g.Value.LastMemberAt >= _options.EndsAfterQuiet).ToList())
        {
            _groups.Remove(key);
            closed.Add(Decision(StormAction.CloseGroup, key, group));
        }
        foreach (var (key, recent) in _recent.ToList())
        {
            while (recent.TryPeek(out var oldest) && oldest.At <= now - _options.Window) recent.Dequeue();
            if (recent.Count == 0) _recent.Remove(key);
        }
        return closed;
    }

    private static StormDecision Decision(StormAction action, StormKey key, Group group) =>
        new(action, key, group.Id, group.Count, group.Cases.ToArray(), group.StartedAt);

    private sealed class Group(string id, Instant startedAt)
    {
        private readonly HashSet<CaseId> _listed = [];
        public string Id { get; } = id;
        public Instant StartedAt { get; } = startedAt;
        public List<CaseId> Cases { get; } = [];
        public int Count { get; private set; }
        public Instant LastMemberAt { get; private set; } = startedAt;
        public Instant LastSentAt { get; set; }

        public void Add(CaseId @case, Instant at, int listLimit)
        {
            Count++;
            if (at > LastMemberAt) LastMemberAt = at;
            if (Cases.Count < listLimit && _listed.Add(@case)) Cases.Add(@case);
        }
    }
}
