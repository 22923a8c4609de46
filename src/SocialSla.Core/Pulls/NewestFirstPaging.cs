using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pulls;

/// <summary>The shared paging rule of newest-first listings (Reddit, YouTube): a run pages back until it meets an item
/// older than the last finished run's high-water mark (or the listing ends); a source's first run reads one page.</summary>
/// <remarks>Items at or after the high-water mark whose id is not in the cursor's seen ids are yielded, so items that
/// share the mark's instant are neither lost nor repeated; the pipeline's dedupe covers anything else.</remarks>
internal static class NewestFirstPaging
{
    /// <summary>One listing entry: its mentions (a post; a comment thread and its replies) and its latest activity.</summary>
    public readonly record struct Entry(IReadOnlyList<Mention> Mentions, Instant ActivityAt);

    /// <summary>Applies the rule to one page.</summary>
    /// <param name="context">The parse context (cursor, brand).</param>
    /// <param name="entries">The page's entries, as listed.</param>
    /// <param name="nextToken">The listing's token for the next (older) page, if any.</param>
    /// <param name="withToken">Sets the kind's page token on a cursor.</param>
    public static PullResult Advance(PullContext context, IReadOnlyList<Entry> entries, string? nextToken,
        Func<PullCursor, string?, PullCursor> withToken)
    {
        var cursor = context.Cursor;
        var highWater = cursor.HighWater;
        var seen = new HashSet<string>(cursor.SeenIds, StringComparer.Ordinal);
        var fresh = new List<Mention>();
        foreach (var entry in entries)
            foreach (var mention in entry.Mentions)
                if ((highWater is not { } hw || mention.CreatedAt >= hw) && seen.Add(mention.Id.ExternalId))
                    fresh.Add(mention);

        var firstPage = !cursor.IsPaging;
        Instant? runHigh = firstPage ? null : cursor.PendingHighWater;
        var newestId = firstPage ? null : cursor.NewestId;
        foreach (var entry in entries)
            foreach (var mention in entry.Mentions)
                if (runHigh is not { } h || mention.CreatedAt > h)
                {
                    runHigh = mention.CreatedAt;
                    newestId = mention.Id.ExternalId;
                }

        var reachedOld = highWater is not { } mark || entries.Count == 0 || entries.Any(e => e.ActivityAt < mark);
        var more = nextToken is not null && !reachedOld;
        var seenIds = cursor.WithSeen(fresh.Select(m => m.Id.ExternalId));
        var next = more
            ? withToken(cursor, nextToken) with { PendingHighWater = runHigh, NewestId = newestId, SeenIds = seenIds }
            : withToken(cursor, null) with
            {
                PendingHighWater = null,
                HighWater = Max(highWater, runHigh),
                NewestId = newestId ?? cursor.NewestId,
                SeenIds = seenIds,
            };
        var batch = context.Brand is null ? new WebhookBatch([], fresh.Count) : new WebhookBatch(fresh, 0);
        return new PullResult(PullOutcome.Ok, batch, next, more, null, null);
    }

    private static Instant? Max(Instant? a, Instant? b) => (a, b) switch
    {
        ({ } x, { } y) => x > y ? x : y,
        _ => a ?? b,
    };
}
