using System.Numerics;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>The triage entry point: noise filter, actionable detection, priority with its reasons, routing tags and
/// queue, sentiment and language for one customer message, in one pass over its text.</summary>
/// <remarks>
/// <para><b>Noise</b> (<see cref="NoiseReasons"/>): at least <see cref="TriageOptions.LinkSpamLinks"/> links; two
/// promotion terms, or one with a link, in a message that reports no problem; a configured bot id, or a handle ending
/// in <see cref="TriageOptions.BotHandleDigits"/> digits with almost no followers; the same text (of at least
/// <see cref="TriageOptions.DuplicateMinWords"/> words) from <see cref="TriageOptions.DuplicateAuthors"/> authors; a
/// pulled un-tagged mention that misses its brand's keywords or names an exclusion (<see cref="BrandScope"/>).</para>
/// <para><b>Actionable</b>: never noise or text without words (emoji-only, empty); a message that follows a brand reply
/// and only thanks or praises is not; one that asks, requests, reports an outage or complains (a complaint cue in a
/// message that is not positive, or any urgent or high-priority term) is; so is any other message with words on an
/// <see cref="TriageOptions.ActionableChannels"/> channel (a DM). Praise, thanks and chit-chat in public are not.</para>
/// <para><b>Priority</b>: low for noise and non-actionable messages; otherwise normal, raised to the highest of: reach
/// (followers), verified, the VIP list, negative sentiment, high and urgent terms, engagement velocity — each reason
/// that raised it is reported.</para>
/// <para><b>Routing</b>: every rule whose conditions hold adds its tags (in rule order, without repeats); the first
/// such rule that names a queue chooses it (else <see cref="TriageOptions.DefaultQueue"/>); a rule with
/// <see cref="RoutingRule.Stop"/> ends the walk.</para>
/// <para>Brand messages are not triaged. Deterministic for a given order of calls (the near-duplicate memory is the
/// only state); not thread-safe: use one per pipeline partition. Allocates nothing per message unless two rules add
/// tags (then one list) or <see cref="Apply(Mention, TriageContext)"/> changes the mention.</para>
/// </remarks>
public sealed class MentionTriage
{
    private readonly TriageOptions _options;
    private readonly TermIndex _terms;
    private readonly int _promotionSets;
    private readonly int _urgentSet;
    private readonly int _highSet;
    private readonly Dictionary<PlatformAccountId, (int Keywords, int Exclusions, bool AnyKeyword)> _brands = new();
    private readonly Dictionary<string, (int Keywords, int Exclusions, bool AnyKeyword)> _brandsByValue = new(StringComparer.Ordinal);
    private readonly CompiledRule[] _rules;
    private readonly NearDuplicateIndex? _duplicates;
    private readonly NearDuplicateVerdicts? _verdicts;
    private readonly TriageResult _brandResult;

    private sealed record CompiledRule(RoutingRule Rule, int TermSet, HashSet<PlatformAccountId>? AccountIds, HashSet<string>? AccountValues);

    /// <summary>Creates a triage that takes its near-duplicate verdicts from a pass over a whole export instead of
    /// its own memory, so partitions of one replay agree (see <see cref="NearDuplicateVerdicts"/>).</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or a rule or brand scope is malformed.</exception>
    public MentionTriage(TriageOptions options, NearDuplicateVerdicts verdicts)
        : this(options)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        _verdicts = verdicts;
        _duplicates = null;
    }

    /// <summary>Creates a triage with the given settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or a rule or brand scope is malformed.</exception>
    public MentionTriage(TriageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options;
        var sets = new List<IReadOnlyList<string>>();
        foreach (var term in options.PromotionTerms) sets.Add([term]);
        _promotionSets = sets.Count;
        if (_promotionSets > 64) throw new ArgumentException($"At most 64 promotion terms are supported; {_promotionSets} were given.", nameof(options));
        _urgentSet = sets.Count;
        sets.Add(options.UrgentTerms);
        _highSet = sets.Count;
        sets.Add(options.HighTerms);
        foreach (var brand in options.Brands)
        {
            var entry = (sets.Count, sets.Count + 1, brand.Keywords.Count == 0);
            sets.Add(brand.Keywords);
            sets.Add(brand.Exclusions);
            if (PlatformAccountId.TryParse(brand.Account, out var id)) _brands[id] = entry;
            else _brandsByValue[brand.Account] = entry;
        }
        _rules = new CompiledRule[options.Routing.Count];
        for (var r = 0; r < _rules.Length; r++)
        {
            var rule = options.Routing[r];
            var termSet = -1;
            if (rule.When.Terms is { Count: > 0 } terms)
            {
                termSet = sets.Count;
                sets.Add(terms);
            }
            HashSet<PlatformAccountId>? ids = null;
            HashSet<string>? values = null;
            if (rule.When.Accounts is { Count: > 0 } accounts)
            {
                ids = [];
                values = new HashSet<string>(StringComparer.Ordinal);
                foreach (var account in accounts)
                {
                    if (PlatformAccountId.TryParse(account, out var id)) ids.Add(id);
                    else values.Add(account);
                }
            }
            _rules[r] = new CompiledRule(rule, termSet, ids, values);
        }
        _terms = new TermIndex(sets);
        if (options.DuplicateAuthors > 0) _duplicates = new NearDuplicateIndex(options.DuplicateMemory);
        _brandResult = new TriageResult(NoiseReasons.None, false, MessageIntents.None, Priority.Normal, PriorityReasons.None, default, Language.Unknown, [], options.DefaultQueue);
    }

    /// <summary>The settings in force.</summary>
    public TriageOptions Options => _options;

    /// <summary>Judges one message.</summary>
    public TriageResult Assess(Mention mention, TriageContext context)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (mention.FromBrand) return _brandResult;

        var words = _terms.HitWords;
        Span<ulong> hits = words <= 8 ? stackalloc ulong[8] : new ulong[words];
        hits = hits[..words];
        hits.Clear();
        var f = TextScanner.Scan(mention.Text, _terms, hits);
        if (context.Sentiment is { } given) f.Sentiment = given;

        var noise = Noise(mention, in f, hits);
        // An urgent or high-priority term (lawsuit, smoke, refund, …) is a complaint whatever the tone.
        if (TermIndex.Has(hits, _urgentSet) || TermIndex.Has(hits, _highSet)) f.Intents |= MessageIntents.Complaint;
        var actionable = noise == NoiseReasons.None && IsActionable(mention.Channel, in f, context);
        var (priority, reasons) = PriorityOf(mention, in f, hits, noise, actionable, context);
        var (tags, queue) = Route(mention, f.Language, hits);
        return new TriageResult(noise, actionable, f.Intents, priority, reasons, f.Sentiment, f.Language, tags, queue);
    }

    /// <summary>Judges one message and returns it with <see cref="Mention.Actionable"/> and
    /// <see cref="Mention.Priority"/> set (the same instance when neither changes; brand messages unchanged).</summary>
    public Mention Apply(Mention mention, TriageContext context) => Apply(mention, context, out _);

    /// <summary>Judges one message, returns it with <see cref="Mention.Actionable"/> and <see cref="Mention.Priority"/>
    /// set, and gives the whole verdict.</summary>
    public Mention Apply(Mention mention, TriageContext context, out TriageResult result)
    {
        result = Assess(mention, context);
        if (mention.FromBrand || (mention.Actionable == result.Actionable && mention.Priority == result.Priority)) return mention;
        return mention with { Actionable = result.Actionable, Priority = result.Priority };
    }

    private NoiseReasons Noise(Mention mention, in TextFeatures f, ReadOnlySpan<ulong> hits)
    {
        var noise = NoiseReasons.None;
        if (f.Links >= _options.LinkSpamLinks) noise |= NoiseReasons.LinkSpam;

        var promotions = BitOperations.PopCount(_promotionSets >= 64 ? hits[0] : hits[0] & ((1UL << _promotionSets) - 1));
        if ((promotions >= 2 || (promotions == 1 && f.Links > 0)) && (f.Intents & (MessageIntents.Outage | MessageIntents.Complaint)) == 0)
            noise |= NoiseReasons.Promotion;

        if (IsBot(mention.Author)) noise |= NoiseReasons.BotAuthor;

        if (_verdicts is not null)
        {
            if (_verdicts.IsNearDuplicate(mention.IdempotencyKey)) noise |= NoiseReasons.NearDuplicate;
        }
        else if (_duplicates is not null && f.FingerprintWords >= _options.DuplicateMinWords
            && _duplicates.See(f.Fingerprint, mention.Author.Id.GetHashCode()) >= _options.DuplicateAuthors)
        {
            noise |= NoiseReasons.NearDuplicate;
        }

        if ((_brands.Count > 0 || _brandsByValue.Count > 0) && mention.Channel is Channel.Mention or Channel.Post
            && mention.ParentId is null && mention.ThreadKey is null
            && (_brands.TryGetValue(mention.Account, out var scope) || _brandsByValue.TryGetValue(mention.Account.Value, out scope)))
        {
            if (TermIndex.Has(hits, scope.Exclusions)) noise |= NoiseReasons.OffBrand;
            else if (!scope.AnyKeyword && !TermIndex.Has(hits, scope.Keywords) && !NamesHandle(mention.Text, mention.Account.Value))
                noise |= NoiseReasons.OffBrand;
        }
        return noise;
    }

    private bool IsBot(Author author)
    {
        if (_options.BotAuthorIds.Count > 0 && _options.BotAuthorIds.Contains(author.Id)) return true;
        if (_options.BotHandleDigits <= 0 || author.Handle is not { } handle || author.Followers is not { } followers || followers >= _options.BotMaxFollowers)
            return false;
        var digits = 0;
        for (var k = handle.Length - 1; k >= 0 && char.IsAsciiDigit(handle[k]); k--) digits++;
        return digits >= _options.BotHandleDigits;
    }

    private static bool NamesHandle(string text, string account)
    {
        for (var at = text.IndexOf('@'); at >= 0 && at + account.Length < text.Length + 1; at = text.IndexOf('@', at + 1))
        {
            var rest = text.AsSpan(at + 1);
            if (rest.StartsWith(account, StringComparison.OrdinalIgnoreCase)
                && (rest.Length == account.Length || !(char.IsAsciiLetterOrDigit(rest[account.Length]) || rest[account.Length] == '_')))
                return true;
        }
        return false;
    }

    private bool IsActionable(Channel channel, in TextFeatures f, TriageContext context)
    {
        if (!f.HasText) return false;
        var intents = f.Intents;
        const MessageIntents asks = MessageIntents.Question | MessageIntents.Request | MessageIntents.Outage;
        var complains = (intents & MessageIntents.Complaint) != 0 && f.Sentiment.Label != SentimentLabel.Positive;
        var kind = (intents & (MessageIntents.Thanks | MessageIntents.Praise)) != 0;
        if (context.AfterBrandReply && kind && (intents & asks) == 0 && f.Sentiment.Label != SentimentLabel.Negative) return false;
        if ((intents & asks) != 0 || complains) return true;
        if (kind) return false;
        return _options.ActionableChannels.Contains(channel);
    }

    private (Priority, PriorityReasons) PriorityOf(Mention mention, in TextFeatures f, ReadOnlySpan<ulong> hits, NoiseReasons noise, bool actionable, TriageContext context)
    {
        if (noise != NoiseReasons.None) return (Priority.Low, PriorityReasons.Noise);
        if (!actionable) return (Priority.Low, PriorityReasons.NotActionable);
        var priority = Priority.Normal;
        var reasons = PriorityReasons.None;
        void Raise(Priority to, PriorityReasons why)
        {
            if (to <= Priority.Normal) return;
            reasons |= why;
            if (to > priority) priority = to;
        }

        if (mention.Author.Followers is { } followers)
        {
            if (_options.UrgentFollowers > 0 && followers >= _options.UrgentFollowers) Raise(Priority.Urgent, PriorityReasons.Reach);
            else if (_options.HighFollowers > 0 && followers >= _options.HighFollowers) Raise(Priority.High, PriorityReasons.Reach);
        }
        if (mention.Author.Verified) Raise(_options.VerifiedPriority, PriorityReasons.Verified);
        if (_options.Vips.TryMatch(mention.Id.Platform, mention.Author, out var vip)) Raise(vip, PriorityReasons.Vip);
        if (f.Sentiment.Label == SentimentLabel.Negative && f.Sentiment.Score <= _options.NegativeSentiment) Raise(Priority.High, PriorityReasons.NegativeSentiment);
        if (TermIndex.Has(hits, _urgentSet)) Raise(Priority.Urgent, PriorityReasons.UrgentTerm);
        if (TermIndex.Has(hits, _highSet)) Raise(Priority.High, PriorityReasons.HighTerm);
        if (context.EngagementPerHour is { } velocity)
        {
            if (_options.UrgentVelocity > 0 && velocity >= _options.UrgentVelocity) Raise(Priority.Urgent, PriorityReasons.EngagementVelocity);
            else if (_options.HighVelocity > 0 && velocity >= _options.HighVelocity) Raise(Priority.High, PriorityReasons.EngagementVelocity);
        }
        return (priority, reasons);
    }

    private (IReadOnlyList<string> Tags, string Queue) Route(Mention mention, Language language, ReadOnlySpan<ulong> hits)
    {
        IReadOnlyList<string> tags = [];
        List<string>? merged = null;
        string? queue = null;
        foreach (var compiled in _rules)
        {
            var when = compiled.Rule.When;
            if (compiled.TermSet >= 0 && !TermIndex.Has(hits, compiled.TermSet)) continue;
            if (when.Channels is { Count: > 0 } channels && !channels.Contains(mention.Channel)) continue;
            if (when.Platforms is { Count: > 0 } platforms && !platforms.Contains(mention.Id.Platform)) continue;
            if (when.Languages is { Count: > 0 } languages && !languages.Contains(language)) continue;
            if (compiled.AccountIds is not null && !compiled.AccountIds.Contains(mention.Account) && !compiled.AccountValues!.Contains(mention.Account.Value)) continue;

            var add = compiled.Rule.Tags;
            if (add.Count > 0)
            {
                if (tags.Count == 0) tags = add;
                else
                {
                    merged ??= [.. tags];
                    foreach (var tag in add)
                        if (!merged.Contains(tag, StringComparer.OrdinalIgnoreCase)) merged.Add(tag);
                    tags = merged;
                }
            }
            queue ??= compiled.Rule.Queue;
            if (compiled.Rule.Stop) break;
        }
        return (tags, queue ?? _options.DefaultQueue);
    }

    private static void Validate(TriageOptions o)
    {
        if (o.LinkSpamLinks < 1) throw new ArgumentException($"LinkSpamLinks must be at least 1; it is {o.LinkSpamLinks}.", nameof(o));
        if (o.DuplicateAuthors < 0) throw new ArgumentException($"DuplicateAuthors must not be negative; it is {o.DuplicateAuthors}.", nameof(o));
        if (o.DuplicateMinWords < 1) throw new ArgumentException($"DuplicateMinWords must be at least 1; it is {o.DuplicateMinWords}.", nameof(o));
        if (o.DuplicateMemory < 16) throw new ArgumentException($"DuplicateMemory must be at least 16; it is {o.DuplicateMemory}.", nameof(o));
        if (o.BotHandleDigits < 0) throw new ArgumentException($"BotHandleDigits must not be negative; it is {o.BotHandleDigits}.", nameof(o));
        if (o.HighFollowers < 0 || o.UrgentFollowers < 0) throw new ArgumentException($"Follower thresholds must not be negative; they are {o.HighFollowers} and {o.UrgentFollowers}.", nameof(o));
        if (o.HighVelocity < 0 || o.UrgentVelocity < 0 || double.IsNaN(o.HighVelocity) || double.IsNaN(o.UrgentVelocity))
            throw new ArgumentException($"Velocity thresholds must not be negative; they are {o.HighVelocity} and {o.UrgentVelocity}.", nameof(o));
        if (!(o.NegativeSentiment is >= -1f and <= 0f)) throw new ArgumentException($"NegativeSentiment must be in [-1, 0]; it is {o.NegativeSentiment}.", nameof(o));
        if (string.IsNullOrWhiteSpace(o.DefaultQueue)) throw new ArgumentException("DefaultQueue must not be empty.", nameof(o));
        foreach (var rule in o.Routing)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(o));
            if (string.IsNullOrWhiteSpace(rule.Name)) throw new ArgumentException("Every routing rule needs a name.", nameof(o));
        }
        foreach (var brand in o.Brands)
        {
            ArgumentNullException.ThrowIfNull(brand, nameof(o));
            if (string.IsNullOrWhiteSpace(brand.Account)) throw new ArgumentException("Every brand scope needs an account.", nameof(o));
        }
    }
}
