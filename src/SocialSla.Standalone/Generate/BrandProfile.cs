using NodaTime;

namespace SocialSla.Standalone.Generate;

/// <summary>One synthetic brand: its handles, its share of traffic and how fast it answers.</summary>
/// <param name="Handle">The X handle (also the TWCS <c>author_id</c> of its replies).</param>
/// <param name="PageId">The numeric Facebook Page id (the account of its Messenger and Facebook traffic).</param>
/// <param name="Sector">The business it is in.</param>
/// <param name="Weight">Its relative share of conversations.</param>
/// <param name="MedianFirstReply">The median first-reply delay while the team is staffed.</param>
/// <param name="UtcOffsetHours">The offset of the team's local time from UTC.</param>
/// <param name="OpensAt">The local hour the team starts answering, or <see langword="null"/> when staffed 24×7.</param>
/// <param name="ClosesAt">The local hour the team stops answering (exclusive).</param>
internal sealed record BrandProfile(
    string Handle,
    string PageId,
    Sector Sector,
    double Weight,
    Duration MedianFirstReply,
    int UtcOffsetHours,
    int? OpensAt,
    int ClosesAt)
{
    /// <summary>The twenty brands, fixed so that every seed shows the same brand personalities.</summary>
    public static IReadOnlyList<BrandProfile> All { get; } =
    [
        Brand(1, "AcmeAir", Sector.Airline, 9, 12, 0, null, 24),
        Brand(2, "ContosoCoffee", Sector.Food, 7, 25, -8, 6, 22),
        Brand(3, "FabrikamBank", Sector.Bank, 6, 45, -5, 7, 22),
        Brand(4, "NorthwindTelco", Sector.Telco, 10, 20, 0, null, 24),
        Brand(5, "TailspinToys", Sector.Retail, 3, 150, -5, 8, 21),
        Brand(6, "WingtipAir", Sector.Airline, 5, 35, 1, null, 24),
        Brand(7, "LitwareGames", Sector.Games, 6, 35, -8, 7, 23),
        Brand(8, "WideWorldShipping", Sector.Shipping, 5, 100, 1, 7, 21),
        Brand(9, "ProsewareStream", Sector.Streaming, 8, 8, 0, null, 24),
        Brand(10, "BlueYonderAir", Sector.Airline, 4, 5, 0, null, 24),
        Brand(11, "WoodgroveBank", Sector.Bank, 4, 130, 0, 7, 22),
        Brand(12, "CohoVineyard", Sector.Retail, 1, 180, -8, 8, 21),
        Brand(13, "AlpineSkiHouse", Sector.Travel, 1, 110, 1, 7, 21),
        Brand(14, "MargiesTravel", Sector.Travel, 2, 75, 0, 7, 22),
        Brand(15, "FourthCoffee", Sector.Food, 3, 18, 0, 6, 22),
        Brand(16, "HumongousInsurance", Sector.Insurance, 2, 120, -5, 7, 22),
        Brand(17, "SouthridgeVideo", Sector.Streaming, 4, 15, 0, null, 24),
        Brand(18, "AdventureWorksBikes", Sector.Retail, 2, 90, -7, 7, 22),
        Brand(19, "LucernePublishing", Sector.Retail, 1, 60, -5, 7, 21),
        Brand(20, "ContosoEnergy", Sector.Utility, 4, 70, 0, null, 24),
    ];

    private static BrandProfile Brand(int number, string handle, Sector sector, double weight, int medianMinutes, int offset, int? opens, int closes) =>
        new(handle, (104_857_600_100 + 7_919 * number).ToString(System.Globalization.CultureInfo.InvariantCulture),
            sector, weight, Duration.FromMinutes(medianMinutes), offset, opens, closes);

    /// <summary>Whether the team answers at the given instant (always, for a 24×7 brand).</summary>
    public bool IsStaffed(long unixMs)
    {
        if (OpensAt is not { } opens) return true;
        var hour = LocalHour(unixMs);
        return hour >= opens && hour < ClosesAt;
    }

    /// <summary>The next instant at or after <paramref name="unixMs"/> when the team is staffed.</summary>
    public long NextStaffed(long unixMs)
    {
        if (OpensAt is not { } opens || IsStaffed(unixMs)) return unixMs;
        var hour = LocalHour(unixMs);
        var hoursToOpen = (opens - hour + 24) % 24;
        var hourStart = unixMs - Mod(unixMs + UtcOffsetHours * MsPerHour, MsPerHour);
        return hourStart + hoursToOpen * MsPerHour;
    }

    private const long MsPerHour = 3_600_000;

    private int LocalHour(long unixMs) => (int)(Mod(unixMs + UtcOffsetHours * MsPerHour, 24 * MsPerHour) / MsPerHour);

    private static long Mod(long a, long m) => ((a % m) + m) % m;
}
