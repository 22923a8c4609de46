using Microsoft.AspNetCore.Http;
using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Standalone.Server.Api;

/// <summary>The filters of <c>GET /api/cases</c> and <c>GET /api/cases.csv</c>, validated.</summary>
/// <param name="Statuses">The stored statuses to list.</param>
/// <param name="Account">Only this brand account, when given.</param>
/// <param name="Channel">Only this channel (wire name), when given.</param>
/// <param name="Priority">Only this priority (lowercase name), when given.</param>
/// <param name="From">Only cases opened at or after this instant, when given.</param>
/// <param name="To">Only cases opened before this instant, when given.</param>
/// <param name="Limit">At most this many cases.</param>
internal sealed record CaseListQuery(string[] Statuses, string? Account, string? Channel, string? Priority, Instant? From, Instant? To, int Limit)
{
    /// <summary>The most cases one answer lists (the board asks for every open case).</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Validates the query string; <paramref name="error"/> says what is wrong (a 400) when it is.</summary>
    public static bool TryParse(string? state, string? account, string? channel, string? priority, string? from, string? to, int? limit, string defaultState,
        out CaseListQuery query, out IResult? error)
    {
        query = null!;
        error = null;
        string[]? statuses = (state ?? defaultState) switch
        {
            "open" => ["open"],
            "resolved" => ["resolved"],
            "closed" => ["closed"],
            "all" => ["open", "resolved", "closed", "notOpened"],
            _ => null,
        };
        if (statuses is null) return Fail("state must be open, resolved, closed or all", out error);
        if (channel is not null && !ChannelNames.TryParse(channel, out _)) return Fail($"channel must be one of {string.Join(", ", Enum.GetValues<Channel>().Select(c => c.ToWireName()))}", out error);
        if (priority is not null && !Enum.GetNames<Priority>().Any(n => n.Equals(priority, StringComparison.OrdinalIgnoreCase)))
            return Fail($"priority must be one of {string.Join(", ", Enum.GetNames<Priority>().Select(n => n.ToLowerInvariant()))}", out error);
        Instant? start = null, end = null;
        if (from is not null && !ApiTime.TryParse(from, out start)) return Fail("from must be an ISO-8601 instant or date", out error);
        if (to is not null && !ApiTime.TryParse(to, out end)) return Fail("to must be an ISO-8601 instant or date", out error);
        if (start is { } s && end is { } e && e < s) return Fail("to must not be before from", out error);
        if (limit is < 1) return Fail("limit must be at least 1", out error);
        query = new CaseListQuery(statuses, account, channel, priority?.ToLowerInvariant(), start, end, Math.Min(limit ?? 200, MaxLimit));
        return true;
    }

    private static bool Fail(string reason, out IResult? error)
    {
        error = ApiResults.Error(StatusCodes.Status400BadRequest, reason);
        return false;
    }
}
