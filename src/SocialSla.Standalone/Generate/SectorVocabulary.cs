namespace SocialSla.Standalone.Generate;

/// <summary>The nouns a sector's customers talk about.</summary>
/// <param name="Things">What a customer owns or ordered ("my flight").</param>
/// <param name="Services">What can break ("the app").</param>
/// <param name="ReferenceLabel">What the brand asks for ("booking reference").</param>
/// <param name="ReferencePrefix">How a reference starts ("#", "" …).</param>
internal sealed record SectorVocabulary(string[] Things, string[] Services, string ReferenceLabel, string ReferencePrefix)
{
    private static readonly SectorVocabulary[] s_bySector =
    [
        new(["my flight", "my booking", "my bag", "my seat upgrade", "the refund for my cancelled flight"],
            ["the app", "online check-in", "the website", "wifi on board"], "booking reference", "BK"),
        new(["my order", "my mobile order", "my gift card", "my loyalty points"],
            ["the app", "mobile ordering", "the rewards page"], "order number", "#"),
        new(["my card", "a transfer", "my account", "a direct debit"],
            ["online banking", "the app", "card payments"], "case number", "C-"),
        new(["my bill", "my contract", "my router", "my number transfer"],
            ["the internet", "mobile data", "4G", "fibre broadband"], "account number", "AC"),
        new(["my order", "my return", "my parcel", "the discount code"],
            ["the website", "checkout", "the app"], "order number", "#"),
        new(["my purchase", "my account", "the season pass", "my save file"],
            ["online play", "the servers", "the store", "matchmaking"], "ticket number", "T"),
        new(["my parcel", "my delivery", "the return label", "my package"],
            ["tracking", "the website", "the delivery app"], "tracking number", "WW"),
        new(["my subscription", "my account", "the free trial", "my payment"],
            ["streaming", "the app", "playback", "the TV app"], "ticket number", "T"),
        new(["my booking", "my reservation", "the deposit", "my voucher"],
            ["the website", "the booking page", "the app"], "booking reference", "R"),
        new(["my claim", "my policy", "the renewal", "my premium"],
            ["the portal", "the app", "the claims line"], "policy number", "P"),
        new(["my bill", "my meter reading", "my direct debit", "the smart meter"],
            ["power", "the gas supply", "the online account"], "account number", "E"),
    ];

    /// <summary>The vocabulary of a sector.</summary>
    public static SectorVocabulary For(Sector sector) => s_bySector[(int)sector];
}
