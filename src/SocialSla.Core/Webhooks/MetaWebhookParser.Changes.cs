using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Webhooks;

public static partial class MetaWebhookParser
{
    private static bool ReadFeed(JsonElement value, string path, Context context, [NotNullWhen(false)] out string? error)
    {
        if (!context.Brands.TryFind(Platform.Facebook, context.EntryId, out var brand)) return Ignore(context, out error);
        if (!WebhookJson.RequiredString(value, "item", path, out var item, out error)) return false;
        if (!WebhookJson.TryString(value, "verb", path, out var verbText, out error)) return false;
        var isComment = item == "comment";
        var isPost = item is "post" or "status" or "photo" or "video" or "share" or "link";
        if ((!isComment && !isPost) || VerbOf(verbText) is not { } verb) return Ignore(context, out error);

        if (!WebhookJson.RequiredId(value, "post_id", path, out var postId, out error)) return false;
        string? commentId = null, parentId = null;
        if (isComment)
        {
            if (!WebhookJson.RequiredId(value, "comment_id", path, out commentId, out error)) return false;
            if (!WebhookJson.TryId(value, "parent_id", path, out parentId, out error)) return false;
        }
        if (!ReadFrom(value, path, "name", out var author, out error)) return false;
        if (!WebhookJson.TryString(value, "message", path, out var text, out error)) return false;
        if (!WebhookJson.TryTime(value, "created_time", path, out var created, out error)) return false;

        var fromBrand = author?.Id == context.EntryId;
        Channel channel;
        string id, threadKey;
        if (isComment)
        {
            var topLevel = parentId is null || parentId == postId;
            id = commentId!;
            parentId ??= postId;
            // A brand's top-level comment answers the post (a visitor post's case); any other comment belongs to the
            // sub-thread of its top-level comment.
            (channel, threadKey) = fromBrand && topLevel
                ? (Channel.Post, postId!)
                : (Channel.PublicComment, $"{postId}:{(topLevel ? commentId : parentId)}");
        }
        else
        {
            if (fromBrand) return Ignore(context, out error);
            (channel, id, threadKey) = (Channel.Post, postId!, postId!);
        }
        context.Sink.Add(WebhookMention.Create(brand, id, channel, parentId, threadKey, author ?? new Author(UnknownAuthorId),
            fromBrand, text, created ?? context.ReceivedAt, context.ReceivedAt, verb));
        return true;
    }

    private static bool ReadPageMention(JsonElement value, string path, Context context, [NotNullWhen(false)] out string? error)
    {
        if (!context.Brands.TryFind(Platform.Facebook, context.EntryId, out var brand)) return Ignore(context, out error);
        if (!WebhookJson.TryString(value, "item", path, out var item, out error)) return false;
        if (!WebhookJson.TryString(value, "verb", path, out var verbText, out error)) return false;
        if (VerbOf(verbText) is not { } verb || item is not (null or "post" or "comment")) return Ignore(context, out error);
        if (!WebhookJson.RequiredId(value, "post_id", path, out var postId, out error)) return false;
        string? commentId = null;
        if (item == "comment" && !WebhookJson.RequiredId(value, "comment_id", path, out commentId, out error)) return false;
        if (item != "comment" && !WebhookJson.TryId(value, "comment_id", path, out commentId, out error)) return false;
        if (!ReadFrom(value, path, "name", out var author, out error)) return false;
        if (!WebhookJson.TryString(value, "message", path, out var text, out error)) return false;
        if (!WebhookJson.TryTime(value, "created_time", path, out var created, out error)) return false;

        context.Sink.Add(WebhookMention.Create(brand, commentId ?? postId!, Channel.Mention,
            commentId is null ? null : postId, postId, author ?? new Author(UnknownAuthorId), fromBrand: false, text,
            created ?? context.ReceivedAt, context.ReceivedAt, verb));
        return true;
    }

    private static bool ReadInstagramComment(JsonElement value, string path, Context context, [NotNullWhen(false)] out string? error)
    {
        if (!context.Brands.TryFind(Platform.Instagram, context.EntryId, out var brand)) return Ignore(context, out error);
        if (!WebhookJson.RequiredId(value, "id", path, out var id, out error)) return false;
        if (!WebhookJson.TryId(value, "parent_id", path, out var parentId, out error)) return false;
        if (!ReadFrom(value, path, "username", out var author, out error)) return false;
        if (!WebhookJson.TryString(value, "text", path, out var text, out error)) return false;
        if (!WebhookJson.TryTime(value, "timestamp", path, out var created, out error)) return false;
        if (!WebhookJson.TryObject(value, "media", path, out var media, out error)) return false;
        string? mediaId = null;
        if (media.ValueKind == JsonValueKind.Object
            && !WebhookJson.TryId(media, "id", WebhookJson.Join(path, "media"), out mediaId, out error))
            return false;
        if (!WebhookJson.TryString(value, "verb", path, out var verbText, out error)) return false;
        if (VerbOf(verbText) is not { } verb) return Ignore(context, out error);

        var top = parentId ?? id!;
        var threadKey = mediaId is null ? top : $"{mediaId}:{top}";
        context.Sink.Add(WebhookMention.Create(brand, id!, Channel.PublicComment, parentId, threadKey,
            author ?? new Author(UnknownAuthorId), author?.Id == context.EntryId, text, created ?? context.ReceivedAt,
            context.ReceivedAt, verb));
        return true;
    }

    private static bool ReadInstagramMention(JsonElement value, string path, Context context, [NotNullWhen(false)] out string? error)
    {
        if (!context.Brands.TryFind(Platform.Instagram, context.EntryId, out var brand)) return Ignore(context, out error);
        if (!WebhookJson.RequiredId(value, "media_id", path, out var mediaId, out error)) return false;
        if (!WebhookJson.TryId(value, "comment_id", path, out var commentId, out error)) return false;
        context.Sink.Add(WebhookMention.Create(brand, commentId ?? mediaId!, Channel.Mention, parentId: null, mediaId,
            new Author(UnknownAuthorId), fromBrand: false, text: null, context.ReceivedAt, context.ReceivedAt, MentionVerb.Add));
        return true;
    }
}
