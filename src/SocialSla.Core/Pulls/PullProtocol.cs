using System.Text.Json;
using System.Xml;
using NodaTime;
using SocialSla.Core.Ingestion;

namespace SocialSla.Core.Pulls;

/// <summary>The pure protocol of pulled sources: plans the next request from a source and its cursor, and turns the
/// response into mentions, a new cursor and a retry hint (spec sheet §2.7, §3, §6).</summary>
/// <remarks>
/// <para>A host loops: <see cref="Plan"/>, send, <see cref="Parse"/>, store the batch and the cursor together, and
/// repeat at once while <see cref="PullResult.MoreFollows"/>. Nothing here throws for anything a server sends: bad
/// bodies, unexpected statuses and rate limits are results. Thread-safe; no I/O, no clock.</para>
/// <para>Mapping per kind (<see cref="PullSource.Account"/> is every mention's account; items concerning no
/// configured account, i.e. when the directory lacks <see cref="PullSource.Account"/>, are counted in
/// <see cref="WebhookBatch.Ignored"/>):</para>
/// <list type="bullet">
/// <item>RSS/Atom: id = the RSS <c>guid</c> (else <c>link</c>) or the Atom <c>id</c>, prefixed with the source name
/// and <c>|</c> unless it is an absolute URI (forums reuse short guids); no parent; thread key = the id; author =
/// <c>dc:creator</c>/<c>author</c> or <c>atom:author/name</c> (entry, else feed); channel =
/// <see cref="PullSource.FeedChannel"/>; never from the brand; time = <c>pubDate</c> (else <c>dc:date</c>) or
/// <c>published</c> (else <c>updated</c>), else the received time; text = title, a blank line, description or summary.</item>
/// <item>X recent search: id = <c>id</c>; parent = <c>referenced_tweets[type=replied_to].id</c>; thread key =
/// <c>conversation_id</c>; author = <c>author_id</c> / <c>includes.users[].username</c>; channel = mention; from the
/// brand when the author is the brand; time = <c>created_at</c>.</item>
/// <item>Reddit: id = <c>name</c> (fullname); parent = <c>parent_id</c>; no thread key (the reply chain's root is the
/// post: a thread key is scoped by channel, which would part a post from the comments that answer it); author =
/// <c>author_fullname</c> / <c>author</c>; channel = post (<c>t3</c>) or public comment (<c>t1</c>); time = <c>created_utc</c>.</item>
/// <item>YouTube: id = comment <c>id</c>; parent = <c>snippet.parentId</c> (replies); thread key = the thread
/// <c>id</c>; author = <c>authorChannelId.value</c> / <c>authorDisplayName</c>; channel = public comment; time =
/// <c>publishedAt</c>. Only the replies the thread carries are read (the API returns a subset).</item>
/// </list>
/// </remarks>
public static class PullProtocol
{
    /// <summary>The largest body read, in bytes (8 MiB); a larger one is a <see cref="PullOutcome.BadBody"/>.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>Plans the next request of <paramref name="source"/> from its stored <paramref name="cursor"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static PullRequestPlan Plan(PullSource source, PullCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cursor);
        return source.Kind switch
        {
            PullSourceKind.Rss => FeedPull.Plan(source, cursor),
            PullSourceKind.XRecentSearch => XRecentSearchPull.Plan(source, cursor),
            PullSourceKind.Reddit => RedditPull.Plan(source, cursor),
            _ => YouTubePull.Plan(source, cursor),
        };
    }

    /// <summary>Reads the response to the request <see cref="Plan"/> made from the same <paramref name="cursor"/>.</summary>
    /// <param name="source">The source.</param>
    /// <param name="cursor">The cursor the request was planned from.</param>
    /// <param name="response">The response.</param>
    /// <param name="brands">The configured brand accounts.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static PullResult Parse(PullSource source, PullCursor cursor, PullResponse response, BrandDirectory brands)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(brands);
        var now = response.ReceivedAt;
        var hint = RetryHints.Read(source.Kind, response.Status, response.Header, now);
        switch (response.Status)
        {
            case 304:
                return new PullResult(PullOutcome.NotModified, WebhookBatch.Empty, cursor, false, hint, null);
            case 429:
                return PullResult.Failed(PullOutcome.RateLimited, cursor, hint, $"{source.Name}: rate limited (HTTP 429).");
            case < 200 or > 299:
                return PullResult.Failed(PullOutcome.HttpError, cursor, hint, $"{source.Name}: HTTP {response.Status}.");
        }
        if (response.Body.Length > MaxBodyBytes)
            return PullResult.Failed(PullOutcome.BadBody, cursor, hint, $"{source.Name}: the body is larger than {MaxBodyBytes} bytes.");

        var matcher = brands.TryFind(source.Account, out var brand) ? new BrandMatcher(source, brand) : null;
        var context = new PullContext(source, cursor, matcher, now, response.Header);
        try
        {
            var result = source.Kind switch
            {
                PullSourceKind.Rss => FeedPull.Parse(context, response.Body),
                PullSourceKind.XRecentSearch => XRecentSearchPull.Parse(context, response.Body),
                PullSourceKind.Reddit => RedditPull.Parse(context, response.Body),
                _ => YouTubePull.Parse(context, response.Body),
            };
            return result with { RetryAt = hint };
        }
        catch (Exception ex) when (ex is JsonException or XmlException or InvalidOperationException or FormatException
                                       or ArgumentException or KeyNotFoundException or OverflowException)
        {
            return PullResult.Failed(PullOutcome.BadBody, cursor, hint, $"{source.Name}: unreadable body ({Describe(ex)}).");
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        XmlException { Message: var m } when m.Contains("DTD", StringComparison.OrdinalIgnoreCase) => "a DTD is not allowed",
        XmlException { Message: var m } when m.StartsWith(FeedPull.TooDeep, StringComparison.Ordinal) => $"elements nest deeper than {FeedPull.MaxDepth} levels",
        XmlException x => $"not well-formed XML at line {x.LineNumber}",
        JsonException j => j.LineNumber is { } line ? $"not valid JSON at line {line + 1}" : "not valid JSON",
        _ => ex.Message,
    };
}

/// <summary>What a kind's parser needs besides the body.</summary>
internal sealed record PullContext(PullSource Source, PullCursor Cursor, BrandMatcher? Brand, Instant ReceivedAt,
    Func<string, string?> Header);
