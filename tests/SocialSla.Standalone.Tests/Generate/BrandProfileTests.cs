using FsCheck.Xunit;
using NodaTime;
using SocialSla.Standalone.Generate;

namespace SocialSla.Standalone.Tests.Generate;

public sealed class BrandProfileTests
{
    private static readonly BrandProfile NineToFiveNewYork =
        new("Shop", "1", Sector.Retail, 1, Duration.FromHours(1), -5, 9, 17);

    [Fact]
    public void IsStaffed_UsesLocalHoursHalfOpen()
    {
        static long At(int hourUtc, int minute = 0) => Instant.FromUtc(2026, 11, 2, hourUtc, minute).ToUnixTimeMilliseconds();

        Assert.False(NineToFiveNewYork.IsStaffed(At(13, 59))); // 08:59 local
        Assert.True(NineToFiveNewYork.IsStaffed(At(14)));      // 09:00 local
        Assert.True(NineToFiveNewYork.IsStaffed(At(21, 59)));  // 16:59 local
        Assert.False(NineToFiveNewYork.IsStaffed(At(22)));     // 17:00 local
    }

    [Fact]
    public void NextStaffed_AfterClosing_IsNextMorningOpening()
    {
        var evening = Instant.FromUtc(2026, 11, 2, 23, 17).ToUnixTimeMilliseconds(); // 18:17 local

        Assert.Equal(Instant.FromUtc(2026, 11, 3, 14, 0).ToUnixTimeMilliseconds(), NineToFiveNewYork.NextStaffed(evening));
    }

    [Property(MaxTest = 500)]
    public void Prop_NextStaffedIsTheFirstStaffedMillisecond(int minutes)
    {
        var at = Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeMilliseconds() + (long)minutes * 60_013;
        foreach (var brand in BrandProfile.All.Append(NineToFiveNewYork))
        {
            var next = brand.NextStaffed(at);
            Assert.True(next >= at);
            Assert.True(brand.IsStaffed(next));
            if (next > at) Assert.False(brand.IsStaffed(next - 1));
            Assert.True(next - at < 24 * 3_600_000L);
        }
    }

    [Fact]
    public void All_HasTwentyDistinctBrandsWithMediansFromMinutesToHours()
    {
        var brands = BrandProfile.All;

        Assert.Equal(20, brands.Count);
        Assert.Equal(20, brands.Select(b => b.Handle).Distinct().Count());
        Assert.Equal(20, brands.Select(b => b.PageId).Distinct().Count());
        Assert.Equal(Duration.FromMinutes(5), brands.Min(b => b.MedianFirstReply));
        Assert.True(brands.Max(b => b.MedianFirstReply) >= Duration.FromHours(2));
    }
}
