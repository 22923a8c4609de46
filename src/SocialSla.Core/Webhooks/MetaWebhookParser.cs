using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Webhooks;

/// <summary>Parses a Meta webhook delivery (<c>object: page</c> or <c>object: instagram</c>) into mentions (spec sheet
/// §1.4 and §6).</summary>
/// <remarks>
/// <para>Every <c>entry</c> and every item of its <c>changes</c>, <c>messaging</c> and <c>standby</c> arrays is read;
/// the Instagram-Login shape (<c>field</c>/<c>value</c> directly under the entry) is read too. The account of an item
/// is the <see cref="BrandDirectory"/> entry for (platform, <c>entry.id</c>); an item for an account that is not
/// configured is counted in <see cref="WebhookBatch.Ignored"/>, as are kinds the pipeline does not track (reactions,
/// likes, reads, deliveries, postbacks, other fields) and a whole delivery of another <c>object</c>.</para>
/// <para>Mapping (platform, channel, id, parent, thread key):</para>
/// <list type="bullet">
/// <item>Page <c>feed</c> comment → Facebook, <c>public_comment</c>, <c>comment_id</c>, <c>parent_id</c>, thread key
/// <c>{post_id}:{top-level comment id}</c> (the comment's own id when its parent is the post, else its parent);
/// the brand when <c>from.id == entry.id</c> (<c>sender_id</c>/<c>sender_name</c> of older payloads are read too).
/// A brand's top-level comment on a post answers the post itself: <c>post</c>, thread key <c>{post_id}</c>.</item>
/// <item>Page <c>feed</c> post by a visitor (<c>post</c>, <c>status</c>, <c>photo</c>, <c>video</c>, <c>share</c>,
/// <c>link</c>) → Facebook, <c>post</c>, <c>post_id</c>, thread key <c>{post_id}</c>; the Page's own posts are ignored
/// (they answer nothing).</item>
/// <item>Page <c>mention</c> → Facebook, <c>mention</c>, <c>comment_id</c> or <c>post_id</c>, parent <c>post_id</c>
/// for a comment, thread key <c>{post_id}</c>; never the brand.</item>
/// <item>Messenger <c>messaging</c> → Messenger, <c>dm</c>, <c>message.mid</c>, <c>message.reply_to.mid</c>, thread
/// key <c>{pageId}:{psid}</c>; the brand when <c>is_echo</c> or <c>sender.id == entry.id</c>.</item>
/// <item>Instagram <c>comments</c>/<c>live_comments</c> → Instagram, <c>public_comment</c>, <c>value.id</c>,
/// <c>parent_id</c>, thread key <c>{media.id}:{top-level comment id}</c>; the brand when <c>from.id == entry.id</c>.</item>
/// <item>Instagram <c>mentions</c> → Instagram, <c>mention</c>, <c>comment_id</c> or <c>media_id</c>, thread key
/// <c>{media_id}</c>, author <see cref="UnknownAuthorId"/> (Meta sends none).</item>
/// <item>Instagram messaging → Instagram, <c>dm</c>, thread key <c>{igId}:{igsid}</c>, as for Messenger.</item>
/// </list>
/// <para>Times: <c>created_time</c>/<c>timestamp</c> as Unix seconds or milliseconds (values of 10^11 and more are
/// milliseconds) or ISO 8601; an item without one (Instagram comments and mentions) takes <c>receivedAt</c>. Verbs:
/// <c>add</c> and <c>unhide</c> → add, <c>edited</c> → edit, <c>remove</c>/<c>hide</c> → delete, other verbs are
/// ignored; a Messenger <c>message_edit</c> is an edit and <c>is_deleted</c> a delete. Actionable and priority keep
/// their defaults (triage sets them).</para>
/// <para>Never throws on bad input: malformed, truncated or wrongly typed JSON, nesting deeper than
/// <see cref="MaxDepth"/> or a missing required member gives <see langword="false"/> and one sentence naming it.
/// Thread-safe.</para>
/// </remarks>
public static partial class MetaWebhookParser
{
    /// <summary>The deepest accepted nesting of JSON objects and arrays.</summary>
    public const int MaxDepth = WebhookJson.MaxDepth;

    /// <summary>The author id given to events whose payload names no author (Page and Instagram mentions).</summary>
    public const string UnknownAuthorId = "unknown";

    /// <summary>Parses one delivery.</summary>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <param name="brands">The configured brand accounts.</param>
    /// <param name="receivedAt">When the delivery arrived; also the creation time of items that carry none.</param>
    /// <param name="batch">The mentions and the ignored count, when the body is valid.</param>
    /// <param name="error">One sentence naming what is wrong, when it is not.</param>
    /// <returns><see langword="true"/> when the body is a valid Meta delivery.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="brands"/> is null.</exception>
    public static bool TryParse(ReadOnlySpan<byte> body, BrandDirectory brands, Instant receivedAt,
        [NotNullWhen(true)] out WebhookBatch? batch, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(brands);
        batch = null;
        if (!WebhookJson.TryParseObject(body, out var document, out error)) return false;
        using (document)
        {
            var sink = new WebhookMention();
            try
            {
                if (!ReadRoot(document.RootElement, new Context(brands, receivedAt, sink), out error)) return false;
            }
            catch (InvalidOperationException)
            {
                error = "The body holds a string that is not valid UTF-8.";
                return false;
            }
            batch = sink.ToBatch();
            return true;
        }
    }

    private sealed record Context(BrandDirectory Brands, Instant ReceivedAt, WebhookMention Sink)
    {
        public bool Instagram { get; init; }
        public string EntryId { get; init; } = "";
    }

    private static bool ReadRoot(JsonElement root, Context context, [NotNullWhen(false)] out string? error)
    {
        if (!WebhookJson.RequiredString(root, "object", "", out var objectKind, out error)) return false;
        if (!WebhookJson.RequiredArray(root, "entry", "", out var entries, out error)) return false;
        if (objectKind is not ("page" or "instagram"))
        {
            context.Sink.Ignore(Math.Max(1, entries.GetArrayLength()));
            return true;
        }
        context = context with { Instagram = objectKind == "instagram" };
        var i = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var path = $"entry[{i++}]";
            if (!WebhookJson.IsObject(entry, path, out error)) return false;
            if (!ReadEntry(entry, path, context, out error)) return false;
        }
        return true;
    }

    private static bool ReadEntry(JsonElement entry, string path, Context context, [NotNullWhen(false)] out string? error)
    {
        if (!WebhookJson.RequiredId(entry, "id", path, out var entryId, out error)) return false;
        context = context with { EntryId = entryId! };

        if (!WebhookJson.TryArray(entry, "changes", path, out var changes, out error)) return false;
        if (changes.ValueKind == JsonValueKind.Array)
        {
            var j = 0;
            foreach (var change in changes.EnumerateArray())
            {
                if (!ReadChange(change, $"{path}.changes[{j++}]", context, out error)) return false;
            }
        }
        // Instagram Login puts one change's field and value directly under the entry.
        if (entry.TryGetProperty("field", out _) && !ReadChange(entry, path, context, out error)) return false;

        foreach (var name in (ReadOnlySpan<string>)["messaging", "standby"])
        {
            if (!WebhookJson.TryArray(entry, name, path, out var events, out error)) return false;
            if (events.ValueKind != JsonValueKind.Array) continue;
            var j = 0;
            foreach (var item in events.EnumerateArray())
            {
                var itemPath = $"{path}.{name}[{j++}]";
                if (!WebhookJson.IsObject(item, itemPath, out error)) return false;
                if (!ReadMessaging(item, itemPath, context, out error)) return false;
            }
        }
        error = null;
        return true;
    }

    private static bool ReadChange(JsonElement change, string path, Context context, [NotNullWhen(false)] out string? error)
    {
        if (!WebhookJson.IsObject(change, path, out error)) return false;
        if (!WebhookJson.RequiredString(change, "field", path, out var field, out error)) return false;
        if (!WebhookJson.RequiredObject(change, "value", path, out var value, out error)) return false;
        var valuePath = WebhookJson.Join(path, "value");
        return (context.Instagram, field) switch
        {
            (false, "feed") => ReadFeed(value, valuePath, context, out error),
            (false, "mention") => ReadPageMention(value, valuePath, context, out error),
            (true, "comments" or "live_comments") => ReadInstagramComment(value, valuePath, context, out error),
            (true, "mentions") => ReadInstagramMention(value, valuePath, context, out error),
            (true, "messages") => ReadMessaging(value, valuePath, context, out error),
            _ => Ignore(context, out error),
        };
    }

    private static bool Ignore(Context context, out string? error)
    {
        context.Sink.Ignore();
        error = null;
        return true;
    }

    /// <summary>Maps a Graph change verb; <see langword="null"/> for verbs the pipeline does not track.</summary>
    private static MentionVerb? VerbOf(string? verb) => verb switch
    {
        null or "add" or "unhide" => MentionVerb.Add,
        "edited" or "edit" or "update" => MentionVerb.Edit,
        "remove" or "delete" or "hide" => MentionVerb.Delete,
        _ => null,
    };

    /// <summary>Reads <c>from{id, name|username}</c>, or the older <c>sender_id</c>/<c>sender_name</c>.</summary>
    private static bool ReadFrom(JsonElement value, string path, string handleName, out Author? author, [NotNullWhen(false)] out string? error)
    {
        author = null;
        if (!WebhookJson.TryObject(value, "from", path, out var from, out error)) return false;
        string? id, handle;
        if (from.ValueKind == JsonValueKind.Object)
        {
            var fromPath = WebhookJson.Join(path, "from");
            if (!WebhookJson.RequiredId(from, "id", fromPath, out id, out error)) return false;
            if (!WebhookJson.TryString(from, handleName, fromPath, out handle, out error)) return false;
        }
        else
        {
            if (!WebhookJson.TryId(value, "sender_id", path, out id, out error)) return false;
            if (!WebhookJson.TryString(value, "sender_name", path, out handle, out error)) return false;
        }
        if (id is not null) author = new Author(id, string.IsNullOrEmpty(handle) ? null : handle);
        return true;
    }
}
