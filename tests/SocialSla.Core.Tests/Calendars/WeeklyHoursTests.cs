using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Tests.Calendars;

public class WeeklyHoursTests
{
    private static OpenSpan S(string text) => OpenSpan.Parse(text);

    [Fact]
    public void Parse_SplitShiftsAndSaturday_GivesSpansPerDay()
    {
        var hours = WeeklyHours.Parse("mon-fri 09:00-12:00,13:00-17:30; sat 10:00-14:00");
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday })
        {
            Assert.Equal([S("09:00-12:00"), S("13:00-17:30")], hours.For(day));
        }

        Assert.Equal([S("10:00-14:00")], hours.For(IsoDayOfWeek.Saturday));
        Assert.Empty(hours.For(IsoDayOfWeek.Sunday));
    }

    [Fact]
    public void Parse_WrappingRange_CoversDaysAcrossTheWeekEnd()
    {
        var hours = WeeklyHours.Parse("fri-mon 10:00-11:00");
        Assert.NotEmpty(hours.For(IsoDayOfWeek.Friday));
        Assert.NotEmpty(hours.For(IsoDayOfWeek.Saturday));
        Assert.NotEmpty(hours.For(IsoDayOfWeek.Sunday));
        Assert.NotEmpty(hours.For(IsoDayOfWeek.Monday));
        Assert.Empty(hours.For(IsoDayOfWeek.Tuesday));
        Assert.Empty(hours.For(IsoDayOfWeek.Thursday));
    }

    [Fact]
    public void Parse_DayListsAndMixedCase_Accepted()
    {
        var hours = WeeklyHours.Parse("MON,wed-thu 08:00-09:00, 10:00-11:00;");
        Assert.Equal(2, hours.For(IsoDayOfWeek.Monday).Count);
        Assert.Empty(hours.For(IsoDayOfWeek.Tuesday));
        Assert.Equal(2, hours.For(IsoDayOfWeek.Thursday).Count);
    }

    [Fact]
    public void Parse_OverlappingAndAdjacentSpans_AreMerged()
    {
        var hours = WeeklyHours.Parse("mon 13:00-17:00,09:00-12:00,12:00-13:30; mon 16:00-18:00; mon 20:00-21:00");
        Assert.Equal([S("09:00-18:00"), S("20:00-21:00")], hours.For(IsoDayOfWeek.Monday));
    }

    [Fact]
    public void Parse_FullDaysEveryDay_EqualsAlwaysOpen()
    {
        var hours = WeeklyHours.Parse("mon-sun 00:00-12:00,12:00-24:00");
        Assert.True(hours.IsAlwaysOpen);
        Assert.Equal(WeeklyHours.AlwaysOpen, hours);
        Assert.False(WeeklyHours.Parse("mon-sat 00:00-24:00; sun 00:00-23:59").IsAlwaysOpen);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("mon-fri", "days and spans separated by a space")]
    [InlineData("mon-fry 09:00-17:00", "'mon-fry' is not a day")]
    [InlineData("monday 09:00-17:00", "'monday' is not a day")]
    [InlineData("mon 09:00-17:00;; tue 09:00-10:00", "clause 2 is empty")]
    [InlineData("mon 09:00-25:00", "'25:00' is not a time of day")]
    [InlineData("mon 17:00-09:00", "start must be before the end")]
    [InlineData("mon 22:00-02:00", "cannot cross midnight")]
    [InlineData("mon 09:00-12:00,", "must not be empty")]
    public void Parse_Invalid_ThrowsFormatExceptionSayingWhy(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => WeeklyHours.Parse(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(WeeklyHours.TryParse(text, out var hours, out var error));
        Assert.Null(hours);
        Assert.Equal(ex.Message, error);
    }

    [Fact]
    public void TryParse_Valid_ReturnsHoursAndNoError()
    {
        Assert.True(WeeklyHours.TryParse("sat 10:00-14:00", out var hours, out var error));
        Assert.Null(error);
        Assert.Single(hours.For(IsoDayOfWeek.Saturday));
    }

    [Fact]
    public void ToString_GroupsEqualDays_AndParsesBackToEqualHours()
    {
        var hours = WeeklyHours.Parse("tue 09:00-12:00,13:00-17:30; mon 13:00-17:30,09:00-12:00; wed-fri 09:00-12:00,13:00-17:30; sun 10:00-14:00");
        Assert.Equal("mon-fri 09:00-12:00,13:00-17:30; sun 10:00-14:00", hours.ToString());
        Assert.Equal(hours, WeeklyHours.Parse(hours.ToString()));
        Assert.Equal(hours.GetHashCode(), WeeklyHours.Parse(hours.ToString()).GetHashCode());
    }

    [Fact]
    public void For_NoneDay_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WeeklyHours.AlwaysOpen.For(IsoDayOfWeek.None));

    [Fact]
    public void Constructor_NoneDay_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeeklyHours([(IsoDayOfWeek.None, S("09:00-10:00"))]));

    [Fact]
    public void Constructor_NoSpans_IsEmpty()
    {
        var hours = new WeeklyHours([]);
        Assert.True(hours.IsEmpty);
        Assert.False(hours.IsAlwaysOpen);
        Assert.Equal("", hours.ToString());
    }
}
