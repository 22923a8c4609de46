using NodaTime;
using SocialSla.Core.Kpis;

namespace SocialSla.Core.Tests.Kpis;

public class KpiSummaryTests
{
    private static KpiAggregate Cases(int opened, int answered, double firstReplyMinutes)
    {
        var aggregate = new KpiAggregate();
        for (var i = 0; i < opened; i++)
        {
            aggregate.Add(new CaseKpiContribution
            {
                Opened = true,
                Answered = i < answered,
                FirstReply = i < answered ? Duration.FromSeconds(firstReplyMinutes * 60) : null,
            }, +1);
        }
        return aggregate;
    }

    [Theory]
    [InlineData(10, 9, 15.0, true)]   // 90 % and exactly 15 minutes: both bars met
    [InlineData(10, 8, 10.0, false)]  // response rate too low
    [InlineData(10, 10, 15.5, false)] // mean first reply too slow
    public void VeryResponsive_NeedsNinetyPercentAndFifteenMinutes(int opened, int answered, double minutes, bool expected) =>
        Assert.Equal(expected, KpiSummary.Of(Cases(opened, answered, minutes)).VeryResponsive);

    [Fact]
    public void Of_EmptyAggregate_HasNoRatesAndIsNotVeryResponsive()
    {
        var summary = KpiSummary.Of(new KpiAggregate());
        Assert.Null(summary.ResponseRate);
        Assert.Null(summary.FirstReplyMeanSeconds);
        Assert.False(summary.VeryResponsive);
    }
}
