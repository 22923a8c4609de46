using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Tests.Calendars;

public class OpenSpanTests
{
    [Fact]
    public void Parse_HoursAndMinutes_ReadsBothBounds()
    {
        var span = OpenSpan.Parse("09:00-17:30");
        Assert.Equal(new LocalTime(9, 0), span.Start);
        Assert.Equal(new LocalTime(17, 30), span.End);
    }

    [Fact]
    public void Parse_EndOf24_IsMidnightEnd()
    {
        var span = OpenSpan.Parse("00:00-24:00");
        Assert.Equal(LocalTime.Midnight, span.Start);
        Assert.Equal(LocalTime.Midnight, span.End);
        Assert.Equal("00:00-24:00", span.ToString());
    }

    [Fact]
    public void Parse_SecondsAndSingleDigitHour_Accepted()
    {
        var span = OpenSpan.Parse(" 9:00:30 - 17:00 ");
        Assert.Equal(new LocalTime(9, 0, 30), span.Start);
        Assert.Equal("09:00:30-17:00", span.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("09:00", "HH:mm-HH:mm")]
    [InlineData("09:00-12:00-13:00", "HH:mm-HH:mm")]
    [InlineData("17:00-09:00", "before the end")]
    [InlineData("09:00-09:00", "before the end")]
    [InlineData("24:00-24:00", "24:00 can only end a span")]
    [InlineData("25:00-26:00", "not a time of day")]
    [InlineData("09:00-nine", "not a time of day")]
    public void Parse_Invalid_ThrowsFormatExceptionSayingWhy(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => OpenSpan.Parse(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(OpenSpan.TryParse(text, out _));
    }

    [Fact]
    public void Constructor_StartAfterEnd_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new OpenSpan(new LocalTime(10, 0), new LocalTime(9, 0)));
        Assert.Throws<ArgumentException>(() => new OpenSpan(new LocalTime(9, 0), new LocalTime(9, 0)));
    }

    [Fact]
    public void Constructor_MidnightEnd_MeansEndOfDay()
    {
        var span = new OpenSpan(new LocalTime(23, 0), LocalTime.Midnight);
        Assert.Equal("23:00-24:00", span.ToString());
    }
}
