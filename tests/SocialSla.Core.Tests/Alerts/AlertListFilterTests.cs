using SocialSla.Core.Alerts;

namespace SocialSla.Core.Tests.Alerts;

public class AlertListFilterTests
{
    [Theory]
    [InlineData(null, AlertListFilter.All, true, true)]
    [InlineData("all", AlertListFilter.All, true, true)]
    [InlineData("unacknowledged", AlertListFilter.Unacknowledged, false, true)]
    [InlineData("acknowledged", AlertListFilter.Acknowledged, true, false)]
    public void A_status_names_a_filter_that_keeps_the_right_alerts(string? status, AlertListFilter expected, bool keepsAcknowledged, bool keepsOpen)
    {
        Assert.True(AlertListFilters.TryParse(status, out var filter));
        Assert.Equal(expected, filter);
        Assert.Equal(keepsAcknowledged, filter.Matches(acknowledged: true));
        Assert.Equal(keepsOpen, filter.Matches(acknowledged: false));
    }

    [Theory]
    [InlineData("ACKNOWLEDGED")]
    [InlineData("failed")]
    [InlineData("")]
    public void Another_status_is_refused(string status) => Assert.False(AlertListFilters.TryParse(status, out _));

    [Fact]
    public void The_limit_is_kept_within_bounds()
    {
        Assert.Equal(AlertListFilters.DefaultLimit, AlertListFilters.Limit(null));
        Assert.Equal(AlertListFilters.MaxLimit, AlertListFilters.Limit(int.MaxValue));
        Assert.Equal(1, AlertListFilters.Limit(0));
        Assert.Equal(37, AlertListFilters.Limit(37));
    }
}
