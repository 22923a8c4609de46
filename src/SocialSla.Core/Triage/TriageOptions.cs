using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>Triage settings: the noise filter, actionable detection, priority and routing (the <c>triage</c> section
/// of the configuration file; see <see cref="TriageOptionsParser"/> for the JSON).</summary>
/// <remarks>Immutable; <see cref="Default"/> holds every default named on the members.</remarks>
public sealed record TriageOptions
{
    /// <summary>Per brand account, what makes a pulled un-tagged mention about the brand (default: none, so every
    /// mention is taken as about the brand).</summary>
    public IReadOnlyList<BrandScope> Brands { get; init; } = [];

    /// <summary>A message with at least this many links is link spam (default 3).</summary>
    public int LinkSpamLinks { get; init; } = 3;

    /// <summary>Giveaway and promotion terms; two of them, or one with a link, make a message promotion.</summary>
    public IReadOnlyList<string> PromotionTerms { get; init; } = DefaultPromotionTerms;

    /// <summary>The same text from this many different authors is noise (default 3; 0 turns the check off).</summary>
    public int DuplicateAuthors { get; init; } = 3;

    /// <summary>Texts with fewer words than this are never near-duplicates ("thanks!" from many customers is normal;
    /// default 5).</summary>
    public int DuplicateMinWords { get; init; } = 5;

    /// <summary>How many distinct texts the near-duplicate memory holds (default 65,536; older ones are forgotten).</summary>
    public int DuplicateMemory { get; init; } = 65_536;

    /// <summary>Author ids of known bots, whose messages are noise.</summary>
    public IReadOnlySet<string> BotAuthorIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A handle ending in at least this many digits whose author has fewer than
    /// <see cref="BotMaxFollowers"/> followers looks like a bot (default 8; 0 turns the check off).</summary>
    public int BotHandleDigits { get; init; } = 8;

    /// <summary>See <see cref="BotHandleDigits"/> (default 10).</summary>
    public long BotMaxFollowers { get; init; } = 10;

    /// <summary>Channels on which a message with words but no reply cue is still actionable, because writing there
    /// is itself a request (default: <c>dm</c>).</summary>
    public IReadOnlySet<Channel> ActionableChannels { get; init; } = new HashSet<Channel> { Channel.Dm };

    /// <summary>Authors with at least this many followers get high priority (default 10,000; 0 turns it off).</summary>
    public long HighFollowers { get; init; } = 10_000;

    /// <summary>Authors with at least this many followers get urgent priority (default 1,000,000; 0 turns it off).</summary>
    public long UrgentFollowers { get; init; } = 1_000_000;

    /// <summary>The priority verified authors get at least (default high; normal turns it off).</summary>
    public Priority VerifiedPriority { get; init; } = Priority.High;

    /// <summary>The known customers (default empty).</summary>
    public VipList Vips { get; init; } = VipList.Empty;

    /// <summary>Sentiment at or below this score gives high priority (default −0.5).</summary>
    public float NegativeSentiment { get; init; } = -0.5f;

    /// <summary>Terms that make a message urgent.</summary>
    public IReadOnlyList<string> UrgentTerms { get; init; } = DefaultUrgentTerms;

    /// <summary>Terms that make a message high priority.</summary>
    public IReadOnlyList<string> HighTerms { get; init; } = DefaultHighTerms;

    /// <summary>Engagement (reactions, replies, shares) per hour at or above which a public post is high priority
    /// (default 100; 0 turns it off).</summary>
    public double HighVelocity { get; init; } = 100;

    /// <summary>Engagement per hour at or above which a public post is urgent (default 1,000; 0 turns it off).</summary>
    public double UrgentVelocity { get; init; } = 1_000;

    /// <summary>The ordered routing rules (default none).</summary>
    public IReadOnlyList<RoutingRule> Routing { get; init; } = [];

    /// <summary>The queue of a message no rule names one for (default <c>general</c>).</summary>
    public string DefaultQueue { get; init; } = "general";

    /// <summary>The default promotion terms.</summary>
    public static IReadOnlyList<string> DefaultPromotionTerms { get; } =
    [
        "giveaway", "give away", "win", "winner", "prize", "free followers", "followers", "promo code", "discount code",
        "coupon", "click here", "click the link", "link in bio", "follow and retweet", "follow and rt", "retweet to win",
        "rt to win", "enter now", "limited offer", "limited time", "earn", "crypto", "bitcoin", "forex",
        "dm for", "check out my", "subscribe", "onlyfans", "buy now", "shop now", "sale",
    ];

    /// <summary>The default urgent terms.</summary>
    public static IReadOnlyList<string> DefaultUrgentTerms { get; } =
    [
        "lawsuit", "lawyer", "lawyers", "attorney", "sue", "suing", "legal action", "court", "safety", "unsafe",
        "danger", "dangerous", "injured", "injury", "hospital", "emergency", "fire", "smoke", "outage", "hacked",
        "fraud", "data breach", "breach", "police", "discrimination", "harassment", "harassed", "assault",
        "food poisoning", "allergic", "recall",
    ];

    /// <summary>The default high-priority terms.</summary>
    public static IReadOnlyList<string> DefaultHighTerms { get; } =
    [
        "cancel", "cancelled", "canceled", "cancellation", "cancelling", "canceling", "refund*", "chargeback",
        "charged twice", "double charged", "overcharged", "stolen", "complaint", "escalate", "supervisor", "manager",
        "close my account", "switching to", "never again", "compensation", "stranded",
    ];

    /// <summary>The defaults (declared after the default term lists, which it reads).</summary>
    public static TriageOptions Default { get; } = new();
}
