using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Import;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Webhooks;

/// <summary>Parses an X Account Activity API delivery into mentions (spec sheet §2.3–2.5 and §6).</summary>
/// <remarks>
/// <para><c>for_user_id</c> selects the brand account: the <see cref="BrandDirectory"/> entry for
/// (<see cref="Platform.X"/>, <c>for_user_id</c>). When it is not configured, every event of the delivery is counted
/// in <see cref="WebhookBatch.Ignored"/>.</para>
/// <list type="bullet">
/// <item><c>tweet_create_events[]</c> → <c>mention</c>, id <c>id_str</c>, parent <c>in_reply_to_status_id_str</c>,
/// no thread key (a case is the reply chain's root); text from <c>extended_tweet.full_text</c> when
/// <c>truncated</c>; the brand when <c>user.id_str == for_user_id</c>; created from <c>timestamp_ms</c>, else
/// <c>created_at</c>; url <c>https://x.com/{screen_name}/status/{id}</c>. Retweets (<c>retweeted_status</c>) are
/// ignored: they ask for no reply.</item>
/// <item><c>direct_message_events[]</c> of type <c>message_create</c> → <c>dm</c>, id = the event id, thread key = the
/// two user ids in numeric order joined by <c>:</c>, the brand when <c>sender_id == for_user_id</c>, handle from
/// <c>users{}</c>, created from <c>created_timestamp</c>.</item>
/// <item><c>tweet_delete_events[]</c> → a delete of <c>status.id</c> by <c>status.user_id</c>.</item>
/// <item>Everything else (favorites, follows, blocks, mutes, typing and read indicators, revokes) is ignored: one per
/// array item, or one per other member.</item>
/// </list>
/// <para>Never throws on bad input: malformed, truncated or wrongly typed JSON, nesting deeper than
/// <see cref="MaxDepth"/> or a missing required member gives <see langword="false"/> and one sentence naming it.
/// Thread-safe.</para>
/// </remarks>
public static class XWebhookParser
{
    /// <summary>The deepest accepted nesting of JSON objects and arrays.</summary>
    public const int MaxDepth = WebhookJson.MaxDepth;

    /// <summary>Parses one delivery.</summary>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <param name="brands">The configured brand accounts.</param>
    /// <param name="receivedAt">When the delivery arrived.</param>
    /// <param name="batch">The mentions and the ignored count, when the body is valid.</param>
    /// <param name="error">One sentence naming what is wrong, when it is not.</param>
    /// <returns><see langword="true"/> when the body is a valid Account Activity delivery.</returns>
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
                if (!ReadRoot(document.RootElement, brands, receivedAt, sink, out error)) return false;
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

    private static bool ReadRoot(JsonElement root, BrandDirectory brands, Instant receivedAt, WebhookMention sink,
        [NotNullWhen(false)] out string? error)
    {
        if (!WebhookJson.RequiredId(root, "for_user_id", "", out var forUserId, out error)) return false;
        var configured = brands.TryFind(Platform.X, forUserId, out var brand);
        if (!WebhookJson.TryObject(root, "users", "", out var users, out error)) return false;

        foreach (var member in root.EnumerateObject())
        {
            var name = member.Name;
            if (name is "for_user_id" or "user_has_blocked" or "users" or "apps" or "source") continue;
            var events = member.Value;
            var tracked = name is "tweet_create_events" or "direct_message_events" or "tweet_delete_events";
            if (!configured || !tracked)
            {
                sink.Ignore(events.ValueKind == JsonValueKind.Array ? events.GetArrayLength() : 1);
                continue;
            }
            if (events.ValueKind != JsonValueKind.Array)
            {
                error = WebhookJson.WrongType(name, "an array", events);
                return false;
            }
            var i = 0;
            foreach (var item in events.EnumerateArray())
            {
                var path = $"{name}[{i++}]";
                if (!WebhookJson.IsObject(item, path, out error)) return false;
                string? itemError;
                var ok = name switch
                {
                    "tweet_create_events" => ReadTweet(item, path, brand!, forUserId!, receivedAt, sink, out itemError),
                    "direct_message_events" => ReadDirectMessage(item, path, brand!, forUserId!, users, receivedAt, sink, out itemError),
                    _ => ReadDelete(item, path, brand!, forUserId!, receivedAt, sink, out itemError),
                };
                if (!ok)
                {
                    error = itemError ?? $"{path} is invalid.";
                    return false;
                }
            }
        }
        error = null;
        return true;
    }

    private static bool ReadTweet(JsonElement tweet, string path, BrandAccount brand, string forUserId, Instant receivedAt,
        WebhookMention sink, [NotNullWhen(false)] out string? error)
    {
        if (!WebhookJson.RequiredId(tweet, "id_str", path, out var id, out error)) return false;
        if (!WebhookJson.RequiredObject(tweet, "user", path, out var user, out error)) return false;
        var userPath = WebhookJson.Join(path, "user");
        if (!WebhookJson.RequiredId(user, "id_str", userPath, out var userId, out error)) return false;
        if (!WebhookJson.TryString(user, "screen_name", userPath, out var screenName, out error)) return false;
        if (!WebhookJson.TryCount(user, "followers_count", userPath, out var followers, out error)) return false;
        if (!WebhookJson.TryBool(user, "verified", userPath, out var verified, out error)) return false;
        if (!WebhookJson.TryId(tweet, "in_reply_to_status_id_str", path, out var parentId, out error)) return false;
        if (!ReadTweetText(tweet, path, out var text, out error)) return false;
        if (!ReadTweetTime(tweet, path, out var created, out error)) return false;
        if (WebhookJson.Has(tweet, "retweeted_status", out _))
        {
            sink.Ignore();
            return true;
        }

        var handle = string.IsNullOrEmpty(screenName) ? null : screenName;
        var url = handle is null ? $"https://x.com/i/status/{id}" : $"https://x.com/{handle}/status/{id}";
        sink.Add(WebhookMention.Create(brand, id!, Channel.Mention, parentId, threadKey: null,
            new Author(userId!, handle, followers, verified ?? false), userId == forUserId, text, created, receivedAt,
            MentionVerb.Add, url));
        return true;
    }

    private static bool ReadTweetText(JsonElement tweet, string path, out string? text, [NotNullWhen(false)] out string? error)
    {
        if (!WebhookJson.TryString(tweet, "text", path, out text, out error)) return false;
        if (!WebhookJson.TryBool(tweet, "truncated", path, out var truncated, out error)) return false;
        if (!WebhookJson.TryObject(tweet, "extended_tweet", path, out var extended, out error)) return false;
        if (extended.ValueKind == JsonValueKind.Object)
        {
            if (!WebhookJson.TryString(extended, "full_text", WebhookJson.Join(path, "extended_tweet"), out var full, out error)) return false;
            if (full is not null && (truncated == true || text is null)) text = full;
        }
        if (text is null && !WebhookJson.TryString(tweet, "full_text", path, out text, out error)) return false;
        return true;
    }

    private static bool ReadTweetTime(JsonElement tweet, string path, out Instant created, [NotNullWhen(false)] out string? error)
    {
        created = default;
        if (!WebhookJson.TryTime(tweet, "timestamp_ms", path, out var fromMs, out error)) return false;
        if (fromMs is { } instant)
        {
            created = instant;
            return true;
        }
        if (!WebhookJson.TryString(tweet, "created_at", path, out var createdAt, out error)) return false;
        if (createdAt is null)
        {
            error = $"{WebhookJson.Join(path, "timestamp_ms")} and {WebhookJson.Join(path, "created_at")} are both missing.";
            return false;
        }
        if (!TwitterTimestamp.TryParse(createdAt, out created))
        {
            error = $"{WebhookJson.Join(path, "created_at")} is not like '{TwitterTimestamp.Example}'.";
            return false;
        }
        return true;
    }

    private static bool ReadDirectMessage(JsonElement dm, string path, BrandAccount brand, string forUserId, JsonElement users,
        Instant receivedAt, WebhookMention sink, [NotNullWhen(false)] out string? error)
    {
        if (!WebhookJson.TryString(dm, "type", path, out var type, out error)) return false;
        if (type is not (null or "message_create"))
        {
            sink.Ignore();
            return true;
        }
        if (!WebhookJson.RequiredId(dm, "id", path, out var id, out error)) return false;
        if (!WebhookJson.TryTime(dm, "created_timestamp", path, out var created, out error)) return false;
        if (!WebhookJson.RequiredObject(dm, "message_create", path, out var create, out error)) return false;
        var createPath = WebhookJson.Join(path, "message_create");
        if (!WebhookJson.RequiredId(create, "sender_id", createPath, out var senderId, out error)) return false;
        if (!WebhookJson.RequiredObject(create, "target", createPath, out var target, out error)) return false;
        if (!WebhookJson.RequiredId(target, "recipient_id", WebhookJson.Join(createPath, "target"), out var recipientId, out error)) return false;
        if (!WebhookJson.TryObject(create, "message_data", createPath, out var data, out error)) return false;
        string? text = null;
        if (data.ValueKind == JsonValueKind.Object
            && !WebhookJson.TryString(data, "text", WebhookJson.Join(createPath, "message_data"), out text, out error))
            return false;

        string? handle = null;
        long? followers = null;
        bool? verified = null;
        if (users.ValueKind == JsonValueKind.Object && WebhookJson.Has(users, senderId!, out var sender)
            && sender.ValueKind == JsonValueKind.Object)
        {
            var senderPath = $"users.{senderId}";
            if (!WebhookJson.TryString(sender, "screen_name", senderPath, out handle, out error)) return false;
            if (!WebhookJson.TryCount(sender, "followers_count", senderPath, out followers, out error)) return false;
            if (!WebhookJson.TryBool(sender, "verified", senderPath, out verified, out error)) return false;
        }

        sink.Add(WebhookMention.Create(brand, id!, Channel.Dm, parentId: null, PairKey(senderId!, recipientId!),
            new Author(senderId!, string.IsNullOrEmpty(handle) ? null : handle, followers, verified ?? false),
            senderId == forUserId, text, created ?? receivedAt, receivedAt, MentionVerb.Add));
        return true;
    }

    private static bool ReadDelete(JsonElement delete, string path, BrandAccount brand, string forUserId, Instant receivedAt,
        WebhookMention sink, [NotNullWhen(false)] out string? error)
    {
        if (!WebhookJson.RequiredObject(delete, "status", path, out var status, out error)) return false;
        var statusPath = WebhookJson.Join(path, "status");
        if (!WebhookJson.RequiredId(status, "id", statusPath, out var id, out error)) return false;
        if (!WebhookJson.RequiredId(status, "user_id", statusPath, out var userId, out error)) return false;
        if (!WebhookJson.TryTime(delete, "timestamp_ms", path, out var at, out error)) return false;
        sink.Add(WebhookMention.Create(brand, id!, Channel.Mention, parentId: null, threadKey: null, new Author(userId!),
            userId == forUserId, text: null, at ?? receivedAt, receivedAt, MentionVerb.Delete,
            $"https://x.com/i/status/{id}"));
        return true;
    }

    /// <summary>The DM conversation key: both user ids, smaller number first (ids are digit strings of any length).</summary>
    internal static string PairKey(string a, string b)
    {
        var order = a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
        return order <= 0 ? $"{a}:{b}" : $"{b}:{a}";
    }
}
