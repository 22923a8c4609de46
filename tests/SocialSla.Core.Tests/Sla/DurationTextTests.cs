using NodaTime;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Tests.Sla;

public class DurationTextTests
{
    [Theory]
    [InlineData("15m", 15 * 60)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172_800)]
    [InlineData("90s", 90)]
    [InlineData(" 1H ", 3600)]
    public void Parse_ValidText_GivesTheDuration(string text, long seconds) =>
        Assert.Equal(Duration.FromSeconds(seconds), DurationText.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("m")]
    [InlineData("15x")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("-5m")]
    public void TryParse_InvalidText_FailsWithAReason(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(5400, "1h30m")]
    [InlineData(90061, "1d1h1m1s")]
    public void Format_RoundTrips(long seconds, string text)
    {
        Assert.Equal(text, DurationText.Format(Duration.FromSeconds(seconds)));
        Assert.Equal(Duration.FromSeconds(seconds), DurationText.Parse(text));
    }
}
