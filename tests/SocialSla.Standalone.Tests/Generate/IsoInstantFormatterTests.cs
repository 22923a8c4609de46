using System.Text;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;
using SocialSla.Standalone.Generate;

namespace SocialSla.Standalone.Tests.Generate;

public sealed class IsoInstantFormatterTests
{
    private static string Format(long unixMs)
    {
        Span<byte> buffer = stackalloc byte[IsoInstantFormatter.MaxLength];
        return Encoding.ASCII.GetString(buffer[..IsoInstantFormatter.Format(unixMs, buffer)]);
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00Z")]
    [InlineData(1_795_854_900_000L, "2026-11-28T08:35:00Z")]
    [InlineData(951_782_400_120L, "2000-02-29T00:00:00.12Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999Z")]
    public void Format_KnownInstants_MatchIso(long unixMs, string expected) => Assert.Equal(expected, Format(unixMs));

    [Property(MaxTest = 2000)]
    public void Prop_FormatMatchesNodaTimeExtendedIso(long seed)
    {
        // Any millisecond from 0001-01-01 to 9999-12-31.
        const long min = -62_135_596_800_000;
        const long max = 253_402_300_799_999;
        var unixMs = min + (long)((ulong)seed % (ulong)(max - min));

        Assert.Equal(InstantPattern.ExtendedIso.Format(Instant.FromUnixTimeMilliseconds(unixMs)), Format(unixMs));
    }
}
