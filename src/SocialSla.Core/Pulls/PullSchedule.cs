using NodaTime;
using SocialSla.Core.Delivery;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Pulls;

/// <summary>When a pulled source is next due, for hosts that keep a source's <see cref="PullSourceRecord"/> between
/// runs (the Functions timer): the rules of the Standalone pull worker as pure functions.</summary>
/// <remarks>A successful run is next due one interval after it started, at once when it stopped with pages left, and
/// never before the source's retry hint; a failed one backs off with <see cref="RetryBackoff"/> (seeded by the source
/// name, so sources spread out), the hint winning when later. Pure and thread-safe.</remarks>
public static class PullSchedule
{
    /// <summary>Whether the source is due at <paramref name="now"/>.</summary>
    public static bool IsDue(PullSourceRecord record, Instant now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.NextAttempt is not { } next || next <= now;
    }

    /// <summary>The record after a successful run.</summary>
    /// <param name="before">The record the run started from.</param>
    /// <param name="cursor">The cursor after the last page committed.</param>
    /// <param name="started">When the run started.</param>
    /// <param name="now">When it ended.</param>
    /// <param name="interval">The source's interval.</param>
    /// <param name="retryHint">When the source asked to be called again, if it did.</param>
    /// <param name="unfinished">Whether pages were left (the per-run page limit, or a hint in the future).</param>
    public static PullSourceRecord Succeeded(PullSourceRecord before, PullCursor cursor, Instant started, Instant now, Duration interval,
        Instant? retryHint, bool unfinished)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(cursor);
        var next = unfinished ? now : started + interval;
        if (retryHint is { } hint && hint > next) next = hint;
        return before with { Cursor = cursor, ConsecutiveFailures = 0, NextAttempt = next, LastSuccess = now, LastError = null };
    }

    /// <summary>The record after a failed run (pages committed before the failure keep their cursor).</summary>
    /// <param name="before">The record the run started from.</param>
    /// <param name="cursor">The cursor after the last page committed.</param>
    /// <param name="sourceName">The source's name (the jitter seed).</param>
    /// <param name="error">Why it failed (no secrets).</param>
    /// <param name="now">When it ended.</param>
    /// <param name="retryHint">When the source asked to be called again, if it did.</param>
    /// <param name="backoff">The backoff policy.</param>
    public static PullSourceRecord Failed(PullSourceRecord before, PullCursor cursor, string sourceName, string error, Instant now,
        Instant? retryHint, RetryBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(backoff);
        var failures = before.ConsecutiveFailures + 1;
        return before with
        {
            Cursor = cursor,
            ConsecutiveFailures = failures,
            NextAttempt = backoff.NextAttempt(failures, retryHint, now, Seed(sourceName)),
            LastError = error,
        };
    }

    /// <summary>After a successful page: whether to fetch the next one now. <see langword="false"/> with
    /// <paramref name="moreLater"/> when more pages follow but the run has fetched <paramref name="maxPagesPerRun"/> or
    /// the source asked to wait (<see cref="PullResult.RetryAt"/> still ahead).</summary>
    public static bool FetchesNextPageNow(PullResult page, int pagesThisRun, int maxPagesPerRun, Instant now, out bool moreLater)
    {
        ArgumentNullException.ThrowIfNull(page);
        moreLater = false;
        if (!page.MoreFollows) return false;
        if (pagesThisRun < maxPagesPerRun && !(page.RetryAt is { } wait && wait > now)) return true;
        moreLater = true;
        return false;
    }

    /// <summary>A stable seed from a source name (FNV-1a; unlike <see cref="string.GetHashCode()"/> the same in every process).</summary>
    public static ulong Seed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 14695981039346656037UL;
        foreach (var c in name) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
