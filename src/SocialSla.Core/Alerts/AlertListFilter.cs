namespace SocialSla.Core.Alerts;

/// <summary>Which alerts <c>GET /api/alerts?status=</c> lists by acknowledgement, and how many: the rules both hosts'
/// alert lists share (the serve store adds the delivery states <c>pending</c> and <c>failed</c>, which in Azure are
/// Service Bus's).</summary>
public enum AlertListFilter
{
    /// <summary>Every alert (<c>all</c>, the default).</summary>
    All,

    /// <summary>Alerts nobody acknowledged (<c>unacknowledged</c>).</summary>
    Unacknowledged,

    /// <summary>Acknowledged alerts (<c>acknowledged</c>).</summary>
    Acknowledged,
}

/// <summary>Parsing and applying <see cref="AlertListFilter"/>.</summary>
public static class AlertListFilters
{
    /// <summary>Alerts listed when the caller names no limit.</summary>
    public const int DefaultLimit = 200;

    /// <summary>The most alerts one list holds.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The filter a <c>status</c> value names (none: <see cref="AlertListFilter.All"/>).</summary>
    public static bool TryParse(string? status, out AlertListFilter filter)
    {
        (var known, filter) = status switch
        {
            null or "all" => (true, AlertListFilter.All),
            "unacknowledged" => (true, AlertListFilter.Unacknowledged),
            "acknowledged" => (true, AlertListFilter.Acknowledged),
            _ => (false, AlertListFilter.All),
        };
        return known;
    }

    /// <summary>Whether an alert acknowledged or not belongs in the list.</summary>
    public static bool Matches(this AlertListFilter filter, bool acknowledged) => filter switch
    {
        AlertListFilter.Unacknowledged => !acknowledged,
        AlertListFilter.Acknowledged => acknowledged,
        _ => true,
    };

    /// <summary>The limit a caller asked for, within 1 and <see cref="MaxLimit"/> (<see cref="DefaultLimit"/> when none).</summary>
    public static int Limit(int? requested) => Math.Clamp(requested ?? DefaultLimit, 1, MaxLimit);
}
