using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Import;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Webhooks;

/// <summary>Parses a generic webhook delivery (helpdesk forwarders, relays, the demo generator): JSONL mention lines
/// or one helpdesk event.</summary>
/// <remarks>
/// <para><b>JSONL mentions</b>: one or more lines in the format of <see cref="JsonlMentionParser"/> (blank lines are
/// skipped; a single mention may also span lines). A mention whose account is not in the <see cref="BrandDirectory"/>
/// is counted in <see cref="WebhookBatch.Ignored"/>. A body that is one JSON object with a <c>type</c> member and no
/// <c>platform</c> member is a helpdesk event instead.</para>
/// <para><b>Helpdesk event</b> (<c>{"id","type","occurred_at","ticket":{"id","channel","external_id"},
/// "comment":{"id","author":{"id","role","name"},"public","body"}}</c>): only <c>ticket.comment_added</c> is tracked;
/// other types are ignored. The ticket's <c>channel</c> names the platform (<c>twitter</c> or <c>x</c>,
/// <c>facebook</c>, <c>messenger</c>, <c>instagram</c>, or any platform wire name; other channels such as email are
/// ignored) and <c>external_id</c> the social message the ticket is about. The comment becomes a mention on that
/// platform:</para>
/// <list type="bullet">
/// <item>account: <c>defaultAccount</c>, the brand account this source posts for (per-source configuration). The event
/// is ignored when it is null, on another platform than the ticket's, or not in the directory.</item>
/// <item>id: <c>helpdesk-{ticket.id}-{comment.id}</c> (or <c>helpdesk-{comment.id}</c>), so it never collides with
/// the platform's own ids; parent: <c>external_id</c>; no thread key, so it joins the case of the message's reply
/// chain (for DM channels, whose cases are keyed by the DM pair, it therefore opens a conversation of its own).</item>
/// <item>author role <c>agent</c>, <c>admin</c> or <c>brand</c> → a brand reply; <c>end-user</c>, <c>end_user</c>,
/// <c>customer</c>, <c>requester</c> or <c>user</c> → a customer message; other roles are an error. A comment with
/// <c>public: false</c> is an internal note and is ignored (it answers nobody).</item>
/// <item>channel: <c>mention</c> on X, <c>public_comment</c> on Facebook and Instagram, <c>dm</c> on Messenger,
/// <c>mention</c> elsewhere; text: <c>comment.body</c>; created: <c>comment.created_at</c>, else <c>occurred_at</c>
/// (one is required).</item>
/// </list>
/// <para>Never throws on bad input: malformed, truncated or wrongly typed JSON, nesting deeper than
/// <see cref="MaxDepth"/> or a missing required member gives <see langword="false"/> and one sentence naming it.
/// Thread-safe.</para>
/// </remarks>
public static class GenericWebhookParser
{
    /// <summary>The deepest accepted nesting of a helpdesk event (JSONL lines have <see cref="JsonlMentionParser.MaxDepth"/>).</summary>
    public const int MaxDepth = WebhookJson.MaxDepth;

    /// <summary>The tracked helpdesk event type, <c>ticket.comment_added</c>.</summary>
    public const string CommentAddedType = "ticket.comment_added";

    /// <summary>Parses one delivery.</summary>
    /// <param name="body">The raw request body (UTF-8).</param>
    /// <param name="brands">The configured brand accounts.</param>
    /// <param name="defaultAccount">The brand account this source posts for; helpdesk events need it.</param>
    /// <param name="receivedAt">When the delivery arrived (the <c>receivedAt</c> of JSONL lines that have none).</param>
    /// <param name="batch">The mentions and the ignored count, when the body is valid.</param>
    /// <param name="error">One sentence naming what is wrong, when it is not.</param>
    /// <returns><see langword="true"/> when the body is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="brands"/> is null.</exception>
    public static bool TryParse(ReadOnlySpan<byte> body, BrandDirectory brands, PlatformAccountId? defaultAccount,
        Instant receivedAt, [NotNullWhen(true)] out WebhookBatch? batch, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(brands);
        batch = null;
        var sink = new WebhookMention();
        if (WebhookJson.TryParseObject(body, out var document, out _))
        {
            using (document)
            {
                var root = document.RootElement;
                if (!TryIsHelpdeskEvent(root, out var helpdesk, out error)) return false;
                if (helpdesk)
                {
                    try
                    {
                        if (!ReadHelpdeskEvent(root, brands, defaultAccount, receivedAt, sink, out error)) return false;
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
            // One mention, possibly spread over several lines.
            if (!ReadMention(body, 0, brands, receivedAt, sink, out error)) return false;
            batch = sink.ToBatch();
            return true;
        }

        var lineNumber = 0;
        var any = false;
        foreach (var range in body.Split((byte)'\n'))
        {
            lineNumber++;
            var line = body[range];
            if (line.EndsWith((ReadOnlySpan<byte>)[(byte)'\r'])) line = line[..^1];
            if (lineNumber == 1 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) line = line[3..];
            if (line.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t']) < 0) continue;
            any = true;
            if (!ReadMention(line, lineNumber, brands, receivedAt, sink, out error)) return false;
        }
        if (!any)
        {
            error = "The body is empty.";
            return false;
        }
        error = null;
        batch = sink.ToBatch();
        return true;
    }

    /// <summary>Whether the object is a helpdesk event (a <c>type</c> and no <c>platform</c>); false with a reason
    /// when a member name is an unpaired surrogate escape, which makes every name lookup throw.</summary>
    private static bool TryIsHelpdeskEvent(JsonElement root, out bool helpdesk, [NotNullWhen(false)] out string? error)
    {
        try
        {
            helpdesk = root.TryGetProperty("type", out _) && !root.TryGetProperty("platform", out _);
            error = null;
            return true;
        }
        catch (InvalidOperationException)
        {
            helpdesk = false;
            error = "The body holds a member name that is not valid Unicode (an unpaired surrogate escape).";
            return false;
        }
    }

    private static bool ReadMention(ReadOnlySpan<byte> line, int lineNumber, BrandDirectory brands, Instant receivedAt,
        WebhookMention sink, [NotNullWhen(false)] out string? error)
    {
        if (!JsonlMentionParser.TryParse(line, receivedAt, out var mention, out var lineError))
        {
            error = lineNumber == 0 ? lineError : $"Line {lineNumber}: {lineError}";
            return false;
        }
        if (brands.TryFind(mention.Account, out _)) sink.Add(mention);
        else sink.Ignore();
        error = null;
        return true;
    }

    private static bool ReadHelpdeskEvent(JsonElement root, BrandDirectory brands, PlatformAccountId? defaultAccount,
        Instant receivedAt, WebhookMention sink, [NotNullWhen(false)] out string? error)
    {
        if (!WebhookJson.RequiredString(root, "type", "", out var type, out error)) return false;
        if (type != CommentAddedType)
        {
            sink.Ignore();
            return true;
        }
        if (!WebhookJson.RequiredObject(root, "ticket", "", out var ticket, out error)) return false;
        if (!WebhookJson.RequiredString(ticket, "channel", "ticket", out var channelName, out error)) return false;
        if (!WebhookJson.RequiredId(ticket, "external_id", "ticket", out var externalId, out error)) return false;
        if (!WebhookJson.TryId(ticket, "id", "ticket", out var ticketId, out error)) return false;
        if (!WebhookJson.RequiredObject(root, "comment", "", out var comment, out error)) return false;
        if (!WebhookJson.RequiredId(comment, "id", "comment", out var commentId, out error)) return false;
        if (!WebhookJson.RequiredObject(comment, "author", "comment", out var author, out error)) return false;
        if (!WebhookJson.RequiredId(author, "id", "comment.author", out var authorId, out error)) return false;
        if (!WebhookJson.RequiredString(author, "role", "comment.author", out var role, out error)) return false;
        if (!WebhookJson.TryString(author, "name", "comment.author", out var name, out error)) return false;
        if (!WebhookJson.TryBool(comment, "public", "comment", out var isPublic, out error)) return false;
        if (!WebhookJson.TryString(comment, "body", "comment", out var text, out error)) return false;
        if (!WebhookJson.TryTime(comment, "created_at", "comment", out var createdAt, out error)) return false;
        if (!WebhookJson.TryTime(root, "occurred_at", "", out var occurredAt, out error)) return false;
        if ((createdAt ?? occurredAt) is not { } created)
        {
            error = WebhookJson.Missing("occurred_at");
            return false;
        }
        bool fromBrand;
        switch (role!.ToLowerInvariant())
        {
            case "agent" or "admin" or "brand": fromBrand = true; break;
            case "end-user" or "end_user" or "enduser" or "customer" or "requester" or "user": fromBrand = false; break;
            default:
                error = $"comment.author.role must be agent, admin, brand, end-user, customer, requester or user, not '{role}'.";
                return false;
        }

        if (!TryPlatformOf(channelName!, out var platform) || defaultAccount is not { } account
            || account.Platform != platform || !brands.TryFind(account, out var brand) || isPublic == false)
        {
            sink.Ignore();
            return true;
        }
        var channel = platform switch
        {
            Platform.Facebook or Platform.Instagram => Channel.PublicComment,
            Platform.Messenger => Channel.Dm,
            _ => Channel.Mention,
        };
        var id = ticketId is null ? $"helpdesk-{commentId}" : $"helpdesk-{ticketId}-{commentId}";
        sink.Add(WebhookMention.Create(brand, id, channel, externalId, threadKey: null,
            new Author(authorId!, string.IsNullOrEmpty(name) ? null : name), fromBrand, text, created, receivedAt,
            MentionVerb.Add));
        return true;
    }

    private static bool TryPlatformOf(string channel, out Platform platform)
    {
        switch (channel.ToLowerInvariant())
        {
            case "twitter": platform = Platform.X; return true;
            case "facebook_messenger": platform = Platform.Messenger; return true;
            default: return PlatformNames.TryParse(channel, out platform);
        }
    }
}
