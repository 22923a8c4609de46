using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Pipeline;

/// <summary>The one pipeline every host runs: dedupe → thread → case machine, returning commands to execute.</summary>
/// <remarks>
/// <para>Dedupe: a delivery whose <see cref="IdempotencyKey"/> was seen changes nothing. Threading: a mention with a
/// thread key belongs to the conversation (platform, account, channel, thread key); otherwise to the root of its
/// reply chain (a reply whose parent is unknown takes the parent as the root). A customer message opens a case when
/// the conversation has no live case, or when its case closed more than the reopen window ago; otherwise it reopens
/// or continues the live case. Brand messages only ever join a live case.</para>
/// <para>Deterministic for a given order of calls; not thread-safe (one pipeline per partition of conversations).</para>
/// </remarks>
public sealed class MentionPipeline
{
    private readonly SlaPolicy _policy;
    private readonly IPipelineState _state;
    private readonly Triage.MentionTriage? _triage;

    /// <summary>Creates a pipeline over a state store.</summary>
    /// <param name="policy">The SLA policy.</param>
    /// <param name="state">Where seen keys, chains, conversations and cases live.</param>
    /// <param name="triage">When given, every customer message is triaged after dedupe and threading (noise and
    /// non-actionable messages start no clock; priority chooses the target), knowing whether it follows a brand reply
    /// of its case. Without it, a message keeps the actionable flag and priority it came with.</param>
    public MentionPipeline(SlaPolicy policy, IPipelineState state, Triage.MentionTriage? triage = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(state);
        _policy = policy;
        _state = state;
        _triage = triage;
    }

    /// <summary>The policy in force.</summary>
    public SlaPolicy Policy => _policy;

    /// <summary>Takes one delivered mention at <paramref name="now"/>.</summary>
    public IngestResult Ingest(Mention mention, Instant now) => Ingest(mention, now, null);

    /// <summary>Takes one delivered mention at <paramref name="now"/>, with its sentiment from a cloud language service
    /// (<see cref="Triage.TriageContext.Sentiment"/>; <see langword="null"/>: the offline analyser's).</summary>
    public IngestResult Ingest(Mention mention, Instant now, Triage.SentimentScore? sentiment)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (!_state.TryMarkSeen(mention.IdempotencyKey)) return new IngestResult(IngestOutcome.Duplicate, null, []);
        if (mention.Verb != MentionVerb.Add) return new IngestResult(IngestOutcome.Updated, null, []);

        var commands = new List<CaseCommand>(3);
        var conversation = ConversationOf(mention, now, commands);
        _state.TryGetConversation(conversation, out var record);
        var live = record.CurrentCase is { } currentId ? _state.GetCase(currentId) : null;
        Triage.TriageResult? verdict = null;
        if (_triage is not null && !mention.FromBrand)
        {
            mention = _triage.Apply(mention, new Triage.TriageContext(AfterBrandReply: live is not null && LastIsBrandReply(live), Sentiment: sentiment), out var result);
            verdict = result;
        }
        commands.Insert(0, CountMention(mention, verdict));

        if (mention.FromBrand)
        {
            if (live is null)
            {
                // A brand post that replies to nothing is no conversation yet; a reply may have overtaken the
                // customer message it answers, so it waits in a not-yet-opened case for that message.
                if (mention.ParentId is null && mention.ThreadKey is null) return new IngestResult(IngestOutcome.Recorded, null, commands);
                live = NewCase(conversation, record, mention);
            }
            var reply = CaseEvent.BrandReply(mention.CreatedAt, _policy.IsAutomated(mention));
            return Applied(live, reply, now, commands, null);
        }

        if (live is null || StartsNewCase(live, mention.CreatedAt)) live = NewCase(conversation, record, mention);
        else if (live.CustomerHandle is null) live = live with { CustomerHandle = CaseMachine.HandleOf(mention), Link = mention.Url, Excerpt = CaseMachine.Excerpt(mention.Text) };
        if (verdict is { } routed) live = Routed(live, routed);
        var message = CaseEvent.CustomerMessage(mention.CreatedAt, mention.Actionable, mention.Priority);
        return Applied(live, message, now, commands, verdict);
    }

    /// <summary>The case with a customer message's routing: its tags added (first appearance order, no repeats) and,
    /// while the case has only the default queue, the queue a rule named; and its sentiment tracked. Noise routes
    /// nothing.</summary>
    private CaseState Routed(CaseState live, Triage.TriageResult verdict)
    {
        if (verdict.IsNoise) return live.Queue is null ? live with { Queue = _triage!.Options.DefaultQueue } : live;
        var tags = live.Tags;
        foreach (var tag in verdict.Tags)
        {
            if (Array.FindIndex(tags, t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)) < 0) tags = [.. tags, tag];
        }
        var defaultQueue = _triage!.Options.DefaultQueue;
        var queue = live.Queue is null || live.Queue == defaultQueue ? verdict.Queue : live.Queue;
        var sentiment = live.Sentiment.With(verdict.Sentiment);
        return ReferenceEquals(tags, live.Tags) && queue == live.Queue && sentiment == live.Sentiment
            ? live
            : live with { Tags = tags, Queue = queue, Sentiment = sentiment };
    }

    private static bool LastIsBrandReply(CaseState live) =>
        live.Timeline.Length > 0 && live.Timeline[^1].Kind is TimelineEntryKind.BrandReply or TimelineEntryKind.AutomatedReply;

    private CaseState NewCase(ConversationKey conversation, ConversationRecord record, Mention first)
    {
        var generation = record.Generation + 1;
        var id = new CaseId(generation == 1
            ? $"{first.Account}:{conversation.Key}"
            : $"{first.Account}:{conversation.Key}#{generation}");
        _state.SetConversation(conversation, new ConversationRecord(id, generation));
        return CaseMachine.Create(id, first, _policy);
    }

    /// <summary>Runs a case's requested wake-up at <paramref name="now"/>; nothing when the case no longer exists.</summary>
    public IReadOnlyList<CaseCommand> WakeUp(CaseId id, Instant now)
    {
        var live = _state.GetCase(id);
        if (live is null) return [];
        return WakeUp(live, now);
    }

    /// <summary>Runs the wake-up a case requested for <paramref name="requestedAt"/>, at <paramref name="now"/>;
    /// nothing when the case no longer exists or has since asked for another instant (a superseded timer).</summary>
    public IReadOnlyList<CaseCommand> WakeUp(CaseId id, Instant requestedAt, Instant now)
    {
        var live = _state.GetCase(id);
        if (live is null || live.NextWakeUp != requestedAt) return [];
        return WakeUp(live, now);
    }

    private IReadOnlyList<CaseCommand> WakeUp(CaseState live, Instant now)
    {
        var step = CaseMachine.Advance(live, _policy, now);
        Store(step);
        return step.Commands;
    }

    /// <summary>Applies an event that does not come from a platform (an explicit resolution, a pause) to a live case.</summary>
    /// <returns>The commands, or <see langword="null"/> when no live case has that id.</returns>
    public IReadOnlyList<CaseCommand>? Apply(CaseId id, CaseEvent caseEvent, Instant now)
    {
        var live = _state.GetCase(id);
        if (live is null) return null;
        var step = CaseMachine.Apply(live, caseEvent, _policy, now);
        Store(step);
        return step.Commands;
    }

    private IngestResult Applied(CaseState live, CaseEvent caseEvent, Instant now, List<CaseCommand> commands, Triage.TriageResult? verdict)
    {
        var step = CaseMachine.ApplyInto(live, caseEvent, _policy, now, commands);
        Store(step);
        return new IngestResult(IngestOutcome.Applied, live.Id, commands, verdict);
    }

    private void Store(CaseStep step)
    {
        if (step.State.Status == CaseStatus.Closed) _state.RemoveCase(step.State.Id);
        else _state.PutCase(step.State);
    }

    private bool StartsNewCase(CaseState live, Instant messageAt) =>
        live.Status == CaseStatus.Resolved && live.ClosedAt is { } closedAt && messageAt >= closedAt + _policy.ReopenWindow;

    private ConversationKey ConversationOf(Mention mention, Instant now, List<CaseCommand> commands)
    {
        var platform = mention.Id.Platform;
        if (mention.ThreadKey is { } threadKey)
            return new ConversationKey(platform, $"{mention.Account.Value}|{mention.Channel.ToWireName()}", threadKey);

        var own = mention.Id.ExternalId;
        string root;
        if (mention.ParentId is { } parent)
        {
            if (!_state.TryGetChainRoot(parent, out root)) root = parent.ExternalId;
            root = Canonical(platform, root);
        }
        else
        {
            root = own;
        }
        _state.SetChainRoot(mention.Id, root);

        // Replies that overtook this message took it for their chain's root; now that it shows its own parent, their
        // conversation joins the real chain.
        if (root != own && _state.TryGetConversation(new ConversationKey(platform, "", own), out var orphans) && orphans.MergedInto is null)
            Merge(new ConversationKey(platform, "", own), orphans, new ConversationKey(platform, "", root), now, commands);
        return new ConversationKey(platform, "", root);
    }

    private string Canonical(Platform platform, string root)
    {
        while (_state.TryGetConversation(new ConversationKey(platform, "", root), out var record) && record.MergedInto is { } next)
            root = next;
        return root;
    }

    private void Merge(ConversationKey from, ConversationRecord fromRecord, ConversationKey into, Instant now, List<CaseCommand> commands)
    {
        _state.TryGetConversation(into, out var intoRecord);
        var moving = fromRecord.CurrentCase is { } movingId ? _state.GetCase(movingId) : null;
        var staying = intoRecord.CurrentCase is { } stayingId ? _state.GetCase(stayingId) : null;
        if (moving is not null)
        {
            if (staying is null)
            {
                intoRecord = new ConversationRecord(moving.Id, Math.Max(intoRecord.Generation, 1));
            }
            else
            {
                var step = CaseMachine.Merge(staying, moving, _policy, now);
                _state.MergeCase(moving.Id, staying.Id);
                Store(step);
                commands.AddRange(step.Commands);
            }
            _state.SetConversation(into, intoRecord);
        }
        _state.SetConversation(from, fromRecord with { CurrentCase = null, MergedInto = into.Key });
    }

    private static RecordKpi CountMention(Mention mention, Triage.TriageResult? verdict)
    {
        var delta = mention.FromBrand ? BrandMessage
            : verdict is { } v ? TriagedMessages[(v.Actionable ? 1 : 0) | (v.IsNoise ? 2 : 0) | ((int)v.Sentiment.Label << 2)]
            : mention.Actionable ? ActionableMessage : OtherCustomerMessage;
        return new RecordKpi(new KpiKey(mention.Account, mention.Channel, mention.Priority, KpiKey.HourOf(mention.CreatedAt))
        {
            Queue = verdict?.Queue,
            Tags = KpiKey.TagSet(verdict?.Tags),
        }, delta);
    }

    private static readonly KpiDelta BrandMessage = new() { Mentions = 1, BrandMessages = 1 };
    private static readonly KpiDelta ActionableMessage = new() { Mentions = 1, CustomerMessages = 1, Actionable = 1 };
    private static readonly KpiDelta OtherCustomerMessage = new() { Mentions = 1, CustomerMessages = 1 };

    /// <summary>The count of one triaged customer message, by actionable (bit 0), noise (bit 1) and sentiment label
    /// (bits 2–3): shared, as the deltas are immutable.</summary>
    private static readonly KpiDelta[] TriagedMessages = [.. Enumerable.Range(0, 16).Select(i => new KpiDelta
    {
        Mentions = 1,
        CustomerMessages = 1,
        Actionable = i & 1,
        Noise = (i >> 1) & 1,
        NegativeMessages = (Triage.SentimentLabel)(i >> 2) == Triage.SentimentLabel.Negative ? 1 : 0,
        NeutralMessages = (Triage.SentimentLabel)(i >> 2) == Triage.SentimentLabel.Neutral ? 1 : 0,
        PositiveMessages = (Triage.SentimentLabel)(i >> 2) == Triage.SentimentLabel.Positive ? 1 : 0,
    })];
}
