using System.Globalization;
using System.Text;
using SocialSla.Core.Mentions;

namespace SocialSla.Standalone.Generate;

/// <summary>Builds one whole conversation at a time (see <see cref="TrafficGenerator"/> for the model).</summary>
/// <remarks>Not thread-safe; one instance per generation run.</remarks>
internal sealed partial class ConversationFactory
{
    public const double UnansweredShare = 0.08;
    public const double NudgeShare = 0.30;
    public const double SplitReplyShare = 0.05;
    public const double FirstFollowUpShare = 0.18;
    public const double FollowUpAnsweredShare = 0.90;
    public const double ThanksShare = 0.12;
    public const double WelcomeShare = 0.15;
    public const double ReturningShare = 0.20;
    public const double SameBrandShare = 0.80;
    public const double DuplicateShare = 0.01;
    public const double HoldShare = 0.054;
    public const double BrandTailShare = 0.04;

    private const long MaxHoldMs = 3_600_000;
    private const double MaxDelayMs = 10 * 86_400_000.0;
    private const long MinReturnGapMs = 30 * 60_000;
    private const int RecentCapacity = 16_384;

    private static readonly string[] FirstNames =
    [
        "Alice", "Bob", "Chen", "Dana", "Emre", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kofi", "Lena", "Mateo", "Nia",
        "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vic", "Wen", "Ximena", "Yusuf", "Zoe",
    ];

    private static readonly string[] Cities =
    [
        "Seattle", "Austin", "Chicago", "London", "Leeds", "Dublin", "Toronto", "Denver", "Berlin", "Lisbon",
        "Manchester", "Phoenix", "Atlanta", "Glasgow", "Boston", "Portland", "San José", "Lyon",
    ];

    private readonly TrafficRandom _random;
    private readonly SnowflakeClock _clock;
    private readonly GenerateFormat _format;
    private readonly IReadOnlyList<BrandProfile> _brands;
    private readonly BrandCache[] _brandCache;
    private readonly Customer[] _recent = new Customer[RecentCapacity];
    private readonly StringBuilder _text = new(256);
    private int _recentCount;
    private int _recentNext;
    private long _nextCustomer;

    public ConversationFactory(TrafficRandom random, SnowflakeClock clock, GenerateFormat format, IReadOnlyList<BrandProfile> brands)
    {
        _random = random;
        _clock = clock;
        _format = format;
        _brands = brands;
        _brandCache = [.. brands.Select(b => new BrandCache(b))];
        _nextCustomer = 300_000 + random.Next(1_000);
    }

    /// <summary>Picks a brand index by traffic weight.</summary>
    public static int PickBrand(TrafficRandom random, IReadOnlyList<BrandProfile> brands)
    {
        var total = 0.0;
        foreach (var b in brands) total += b.Weight;
        var u = random.NextDouble() * total;
        for (var i = 0; i < brands.Count; i++)
        {
            u -= brands[i].Weight;
            if (u < 0) return i;
        }
        return brands.Count - 1;
    }

    /// <summary>Creates a conversation starting at <paramref name="startUnixMs"/>, cut to at most <paramref name="budget"/> rows.</summary>
    /// <param name="startUnixMs">When the customer's opening message is written.</param>
    /// <param name="incidentBrand">The brand with an ongoing incident that caused this conversation, if any.</param>
    /// <param name="budget">The rows left (at least 1); messages and their duplicates beyond it are dropped.</param>
    /// <param name="rows">The rows the returned messages will take, duplicates included.</param>
    /// <returns>The messages in creation order; every parent precedes its replies.</returns>
    public List<GeneratedMessage> Create(long startUnixMs, int? incidentBrand, long budget, out int rows)
    {
        var (customer, brandIndex) = PickCustomer(startUnixMs, incidentBrand);
        var brand = _brands[brandIndex];
        var cache = _brandCache[brandIndex];
        var platform = PickPlatform();
        var vocabulary = SectorVocabulary.For(brand.Sector);
        var thing = vocabulary.Things[_random.Next(vocabulary.Things.Length)];
        var context = new TextContext(
            BrandMention: platform == Platform.X ? cache.XMention : "",
            CustomerMention: platform != Platform.X ? ""
                : _format == GenerateFormat.Twcs ? "@" + customer.Number.ToString(CultureInfo.InvariantCulture) + " "
                : "@" + customer.Handle + " ",
            Thing: thing,
            YourThing: thing.StartsWith("my ", StringComparison.Ordinal) ? "your " + thing[3..] : thing,
            Service: vocabulary.Services[_random.Next(vocabulary.Services.Length)],
            ReferenceLabel: vocabulary.ReferenceLabel,
            Reference: vocabulary.ReferenceLabel + " " + vocabulary.ReferencePrefix + _random.Next(100_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            City: Cities[_random.Next(Cities.Length)],
            Signature: "^" + (char)('A' + _random.Next(26)) + (char)('A' + _random.Next(26)),
            HelpUrl: cache.HelpUrl);

        var messages = new List<GeneratedMessage>(4);
        var kind = incidentBrand is null ? PickKind() : MessageKind.Outage;
        var opening = Add(messages, platform, startUnixMs, null, false, Pick(MessageTemplates.Openings[(int)kind]), context);
        opening.Priority = kind switch { MessageKind.Outage => Priority.High, MessageKind.Urgent => Priority.Urgent, _ => Priority.Normal };

        if (_random.Chance(UnansweredShare))
        {
            if (_random.Chance(NudgeShare))
                Add(messages, platform, Last(messages) + (long)_random.LogNormal(3 * 3_600_000, 0.8), opening, false, Pick(MessageTemplates.Nudges), context);
        }
        else
        {
            var reply = Add(messages, platform, BrandTime(brand, Last(messages), 1.0), opening, true, Pick(MessageTemplates.BrandFirst), context);
            if (_random.Chance(SplitReplyShare))
                reply = Add(messages, platform, Last(messages) + _random.Next(10_000, 120_000), opening, true, Pick(MessageTemplates.BrandSecond), context);
            var answered = true;
            var followUpShare = FirstFollowUpShare;
            for (var round = 0; round < 4 && _random.Chance(followUpShare); round++, followUpShare *= 0.5)
            {
                var followUp = Add(messages, platform, Last(messages) + CustomerDelay(15 * 60_000, 1.3), reply, false, Pick(MessageTemplates.FollowUps), context);
                answered = _random.Chance(FollowUpAnsweredShare);
                if (!answered) break;
                reply = Add(messages, platform, BrandTime(brand, Last(messages), 0.6), followUp, true, Pick(MessageTemplates.BrandNext), context);
            }
            if (answered && _random.Chance(ThanksShare))
            {
                var thanks = Add(messages, platform, Last(messages) + CustomerDelay(8 * 60_000, 1.2), reply, false, Pick(MessageTemplates.Thanks), context);
                thanks.Priority = Priority.Low;
                thanks.Actionable = false;
                if (_random.Chance(WelcomeShare))
                    Add(messages, platform, BrandTime(brand, Last(messages), 0.5), thanks, true, Pick(MessageTemplates.BrandWelcome), context);
            }
        }

        rows = Truncate(messages, budget);
        MarkLateDeliveries(messages, platform);
        Finish(messages, platform, brandIndex, customer);
        return messages;
    }

    private (Customer Customer, int BrandIndex) PickCustomer(long startUnixMs, int? incidentBrand)
    {
        Customer customer;
        int brandIndex;
        if (incidentBrand is null && _recentCount > 0 && _random.Chance(ReturningShare)
            && _recent[_random.Next(_recentCount)] is var returning && startUnixMs - returning.LastSeenUnixMs >= MinReturnGapMs)
        {
            customer = returning;
            brandIndex = _random.Chance(SameBrandShare) ? customer.LastBrand : PickBrand(_random, _brands);
        }
        else
        {
            _nextCustomer += 1 + _random.Next(4);
            var first = FirstNames[_random.Next(FirstNames.Length)];
            var handle = _random.Next(3) switch
            {
                0 => first.ToLowerInvariant() + "_" + _random.Next(10, 9999).ToString(CultureInfo.InvariantCulture),
                1 => first + (char)('A' + _random.Next(26)) + _random.Next(1, 99).ToString(CultureInfo.InvariantCulture),
                _ => "the" + first.ToLowerInvariant() + _random.Next(100, 999).ToString(CultureInfo.InvariantCulture),
            };
            brandIndex = incidentBrand ?? PickBrand(_random, _brands);
            customer = new Customer(_nextCustomer, handle, first + " " + (char)('A' + _random.Next(26)) + ".",
                (long)_random.LogNormal(180, 1.6), _random.Chance(0.004), brandIndex, startUnixMs);
        }
        if (customer.LastBrand != brandIndex || customer.LastSeenUnixMs != startUnixMs)
            customer = customer with { LastBrand = brandIndex, LastSeenUnixMs = startUnixMs };
        _recent[_recentNext] = customer;
        _recentNext = (_recentNext + 1) % RecentCapacity;
        _recentCount = Math.Min(_recentCount + 1, RecentCapacity);
        return (customer, brandIndex);
    }

    private Platform PickPlatform()
    {
        if (_format == GenerateFormat.Twcs) return Platform.X;
        var u = _random.NextDouble();
        return u < 0.70 ? Platform.X : u < 0.88 ? Platform.Messenger : Platform.Facebook;
    }

    private MessageKind PickKind()
    {
        var u = _random.NextDouble();
        var weights = MessageTemplates.OpeningWeights;
        for (var i = 0; i < weights.Length; i++)
            if (u < weights[i]) return (MessageKind)i;
        return MessageKind.Question;
    }

    private MessageTemplate Pick(MessageTemplate[] templates) => templates[_random.Next(templates.Length)];

    private static long Last(List<GeneratedMessage> messages) => messages[^1].UnixMs;

    /// <summary>When the brand answers a message written at <paramref name="afterUnixMs"/>.</summary>
    /// <remarks>
    /// Log-normal around the brand's median (σ = 1.0), a 4 % Pareto tail of hours to days, at least 20 s; a reply
    /// that would fall outside staffed hours waits for the opening plus a log-normal backlog delay.
    /// </remarks>
    private long BrandTime(BrandProfile brand, long afterUnixMs, double medianFactor)
    {
        var median = brand.MedianFirstReply.TotalMilliseconds * medianFactor;
        var delay = _random.LogNormal(median, 1.0);
        if (_random.Chance(BrandTailShare)) delay += 6 * 3_600_000 * _random.Pareto(1.1);
        var at = afterUnixMs + (long)Math.Clamp(delay, 20_000, MaxDelayMs);
        if (!brand.IsStaffed(at)) at = brand.NextStaffed(at) + (long)Math.Min(_random.LogNormal(median * 0.5, 0.8), MaxDelayMs);
        return at;
    }

    /// <summary>A customer's delay: log-normal, with a 2 % Pareto tail, at least 30 s.</summary>
    private long CustomerDelay(double medianMs, double sigma)
    {
        var delay = _random.LogNormal(medianMs, sigma);
        if (_random.Chance(0.02)) delay *= 1 + _random.Pareto(1.2);
        return (long)Math.Clamp(delay, 30_000, MaxDelayMs);
    }

    private GeneratedMessage Add(List<GeneratedMessage> messages, Platform platform, long unixMs, GeneratedMessage? replyTo,
        bool fromBrand, MessageTemplate template, in TextContext context)
    {
        var message = new GeneratedMessage { UnixMs = unixMs, FromBrand = fromBrand };
        message.Snowflake = _clock.Claim(ref message.UnixMs);
        message.Parent = platform switch
        {
            Platform.X => replyTo,
            Platform.Facebook => replyTo is null ? null : messages[0], // Facebook sub-threads are flat.
            _ => null, // Messenger threads by page and user, not by reply.
        };
        message.Parent?.AddChild(message);
        _text.Clear();
        template.AppendTo(_text, context, _random);
        message.Text = _text.ToString();
        if (_random.Chance(DuplicateShare))
        {
            message.Duplicate = true;
            message.DuplicateGap = _random.Next(2, 8);
        }
        messages.Add(message);
        return message;
    }

    /// <summary>Keeps the longest prefix that fits the budget (a prefix keeps every parent of what it keeps).</summary>
    private int Truncate(List<GeneratedMessage> messages, long budget)
    {
        var rows = 0;
        var keep = 0;
        foreach (var message in messages)
        {
            var cost = message.Duplicate ? 2 : 1;
            if (rows + cost > budget)
            {
                if (!message.Duplicate || rows + 1 > budget) break;
                message.Duplicate = false;
                cost = 1;
            }
            rows += cost;
            keep++;
        }
        for (var i = keep; i < messages.Count; i++)
        {
            _clock.Release(messages[i].UnixMs);
            messages[i].Parent?.Children?.Remove(messages[i]);
        }
        messages.RemoveRange(keep, messages.Count - keep);
        return rows;
    }

    /// <summary>Marks a few messages as delivered late, after their first reply (the out-of-order rows).</summary>
    private void MarkLateDeliveries(List<GeneratedMessage> messages, Platform platform)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var trigger = platform == Platform.Messenger
                ? (i + 1 < messages.Count ? messages[i + 1] : null)
                : message.Children is { Count: > 0 } children ? children[0] : null;
            if (trigger is null || trigger.UnixMs - message.UnixMs > MaxHoldMs || !_random.Chance(HoldShare)) continue;
            message.Held = true;
            message.ReleaseGap = _random.Next(0, 3);
            trigger.Releases = message;
        }
    }
}
