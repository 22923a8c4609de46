using NodaTime;

namespace SocialSla.Core.Pulls;

/// <summary>Where a source's reading stands, stored beside the mentions it produced (see <see cref="ToJson"/>).</summary>
/// <remarks>
/// <para>Which members a kind uses: feeds use <see cref="ETag"/>, <see cref="LastModified"/> and <see cref="SeenIds"/>;
/// X uses <see cref="SinceId"/>, <see cref="NextToken"/> and <see cref="PendingNewestId"/>; Reddit uses
/// <see cref="After"/>, YouTube <see cref="PageToken"/>, and both use <see cref="HighWater"/>,
/// <see cref="PendingHighWater"/>, <see cref="NewestId"/> and <see cref="SeenIds"/>.</para>
/// <para>A page token (<see cref="NextToken"/>, <see cref="After"/>, <see cref="PageToken"/>) is set only while a run
/// is paging; the high-water mark (<see cref="SinceId"/>, <see cref="HighWater"/>) moves only when a run's last page is
/// stored, so a run that dies half-way is repeated from its last stored page and nothing is skipped.</para>
/// <para><see cref="SeenIds"/> holds at most <see cref="MaxSeenIds"/> ids, newest first. Immutable; equality is by
/// reference for <see cref="SeenIds"/> (compare <see cref="ToJson"/> output for value equality).</para>
/// </remarks>
public sealed partial record PullCursor
{
    /// <summary>The most ids <see cref="SeenIds"/> keeps.</summary>
    public const int MaxSeenIds = 200;

    /// <summary>The cursor of a source never read.</summary>
    public static PullCursor Empty { get; } = new();

    /// <summary>The feed's last <c>ETag</c>, echoed as <c>If-None-Match</c>.</summary>
    public string? ETag { get; init; }

    /// <summary>The feed's last <c>Last-Modified</c>, echoed verbatim as <c>If-Modified-Since</c>.</summary>
    public string? LastModified { get; init; }

    /// <summary>External ids of the newest items already yielded, newest first (at most <see cref="MaxSeenIds"/>).</summary>
    public IReadOnlyList<string> SeenIds { get; init; } = [];

    /// <summary>X: the newest post id stored by a finished run; the next run asks for posts after it.</summary>
    public string? SinceId { get; init; }

    /// <summary>X: the token of the next page of the current run.</summary>
    public string? NextToken { get; init; }

    /// <summary>X: the newest id of the current run's first page, which becomes <see cref="SinceId"/> when the run ends.</summary>
    public string? PendingNewestId { get; init; }

    /// <summary>Reddit: the fullname after which the current run's next page starts.</summary>
    public string? After { get; init; }

    /// <summary>YouTube: the token of the current run's next page.</summary>
    public string? PageToken { get; init; }

    /// <summary>Reddit, YouTube: the creation time of the newest item stored by a finished run; paging stops below it.</summary>
    public Instant? HighWater { get; init; }

    /// <summary>Reddit, YouTube: the newest time seen by the current run, which becomes <see cref="HighWater"/> when it ends.</summary>
    public Instant? PendingHighWater { get; init; }

    /// <summary>Reddit, YouTube: the id (fullname, comment id) of the newest item seen, for diagnostics.</summary>
    public string? NewestId { get; init; }

    /// <summary>Whether a run is part-way through its pages.</summary>
    public bool IsPaging => NextToken is not null || After is not null || PageToken is not null;

    /// <summary>Adds ids in front of <see cref="SeenIds"/>, dropping repeats and the oldest beyond the bound.</summary>
    internal IReadOnlyList<string> WithSeen(IEnumerable<string> newestFirst)
    {
        var list = new List<string>(MaxSeenIds);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in newestFirst.Concat(SeenIds))
        {
            if (list.Count == MaxSeenIds) break;
            if (set.Add(id)) list.Add(id);
        }
        return list;
    }
}
