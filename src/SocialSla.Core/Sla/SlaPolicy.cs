using NodaTime;
using SocialSla.Core.Calendars;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Sla;

/// <summary>The SLA policy: ordered rules (first match wins) plus the settings every case shares (design §3).</summary>
/// <remarks>
/// <para>Built-in defaults, used when no rule matches and for every target a matching rule leaves unset: a DM, or a
/// high or urgent priority, gets a 15-minute first- and next-reply target; public channels get one hour; resolution
/// 24 h; calendar 24×7 UTC. Meta DMs have a 24-hour reply window with a one-hour warning.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class SlaPolicy
{
    /// <summary>The built-in short reply target (DMs, high and urgent priority).</summary>
    public static readonly Duration ShortReplyTarget = Duration.FromMinutes(15);

    /// <summary>The built-in reply target for public channels.</summary>
    public static readonly Duration PublicReplyTarget = Duration.FromHours(1);

    /// <summary>The built-in resolution target.</summary>
    public static readonly Duration DefaultResolutionTarget = Duration.FromHours(24);

    /// <summary>Meta's private-reply window for DMs.</summary>
    public static readonly Duration MetaReplyWindow = Duration.FromHours(24);

    /// <summary>The policy with no rules and default settings.</summary>
    public static SlaPolicy Default { get; } = new([]);

    /// <summary>Creates a policy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration setting is not positive.</exception>
    public SlaPolicy(
        IEnumerable<SlaRule> rules,
        Duration? autoResolveAfter = null,
        Duration? reopenWindow = null,
        IEnumerable<string>? botAuthorIds = null,
        IEnumerable<string>? botMarkers = null,
        Duration? replyWindowLead = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToArray();
        AutoResolveAfter = RequirePositive(autoResolveAfter ?? Duration.FromHours(24), nameof(autoResolveAfter));
        ReopenWindow = RequirePositive(reopenWindow ?? Duration.FromHours(72), nameof(reopenWindow));
        ReplyWindowLead = RequirePositive(replyWindowLead ?? Duration.FromHours(1), nameof(replyWindowLead));
        BotAuthorIds = new HashSet<string>(botAuthorIds ?? [], StringComparer.Ordinal);
        BotMarkers = (botMarkers ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).ToArray();
    }

    /// <summary>The rules, in the order they are tried.</summary>
    public IReadOnlyList<SlaRule> Rules { get; }

    /// <summary>Customer silence after a brand reply that resolves a case automatically (default 24 h).</summary>
    public Duration AutoResolveAfter { get; }

    /// <summary>How long after a case closes a customer message reopens it rather than starting a new case (default 72 h).</summary>
    public Duration ReopenWindow { get; }

    /// <summary>How long before a platform reply window closes the warning fires (default 1 h).</summary>
    public Duration ReplyWindowLead { get; }

    /// <summary>Author ids (the platform's id of a brand bot or auto-responder) whose replies fulfil no clock.</summary>
    public IReadOnlySet<string> BotAuthorIds { get; }

    /// <summary>Text markers (case-insensitive) that flag a brand reply as automated, e.g. <c>#autoreply</c>.</summary>
    public IReadOnlyList<string> BotMarkers { get; }

    /// <summary>When set, every case's first- and next-reply targets are this value (replay's <c>--first-reply-target</c>).</summary>
    public Duration? ReplyTargetOverride { get; private init; }

    /// <summary>A copy of this policy whose first- and next-reply targets are <paramref name="target"/> for every case.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not positive.</exception>
    public SlaPolicy WithReplyTargetOverride(Duration target) =>
        new(Rules, AutoResolveAfter, ReopenWindow, BotAuthorIds, BotMarkers, ReplyWindowLead)
        {
            ReplyTargetOverride = RequirePositive(target, nameof(target)),
        };

    /// <summary>The terms for a case: the first matching rule's targets over the built-in defaults.</summary>
    /// <remarks>Terms for facts without tags are computed once and shared, so cases hold one reference each.</remarks>
    public SlaTerms TermsFor(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Tags.Count > 0) return ComputeTerms(facts);
        return _terms.GetOrAdd((facts.Account, facts.Channel, facts.Priority), static (_, state) => state.Policy.ComputeTerms(state.Facts), (Policy: this, Facts: facts));
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(PlatformAccountId, Channel, Priority), SlaTerms> _terms = new();

    private SlaTerms ComputeTerms(CaseFacts facts)
    {
        var shortTarget = facts.Channel.IsPrivate() || facts.Priority >= Priority.High;
        var reply = shortTarget ? ShortReplyTarget : PublicReplyTarget;
        var rule = Rules.FirstOrDefault(r => r.When.Matches(facts));
        var terms = new SlaTerms
        {
            RuleName = rule?.Name ?? "default",
            FirstReply = Pick(rule?.FirstReply, reply),
            NextReply = Pick(rule?.NextReply, reply),
            Resolution = Pick(rule?.Resolution, DefaultResolutionTarget),
            ReplyWindow = facts.Account.Platform.IsMeta() && facts.Channel.IsPrivate() ? MetaReplyWindow : null,
            ReplyWindowLead = ReplyWindowLead,
            Calendar = rule?.Calendar ?? BusinessCalendar.AlwaysOpen,
        };
        return ReplyTargetOverride is { } target ? terms with { FirstReply = target, NextReply = target } : terms;
    }

    /// <summary>Whether a brand message was written by a bot or an auto-responder.</summary>
    public bool IsAutomated(Mention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (!mention.FromBrand) return false;
        if (mention.Automated || BotAuthorIds.Contains(mention.Author.Id)) return true;
        foreach (var marker in BotMarkers)
        {
            if (mention.Text.Contains(marker, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static Duration? Pick(Duration? fromRule, Duration fallback) =>
        fromRule is null ? fallback : fromRule == SlaRule.Off ? null : fromRule;

    private static Duration RequirePositive(Duration value, string name) =>
        value > Duration.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "The duration must be positive.");
}
