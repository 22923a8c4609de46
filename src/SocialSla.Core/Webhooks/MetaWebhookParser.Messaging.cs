using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Webhooks;

public static partial class MetaWebhookParser
{
    /// <summary>Reads one Messenger or Instagram messaging event; only messages, echoes and edits are tracked.</summary>
    private static bool ReadMessaging(JsonElement item, string path, Context context, [NotNullWhen(false)] out string? error)
    {
        var platform = context.Instagram ? Platform.Instagram : Platform.Messenger;
        if (!context.Brands.TryFind(platform, context.EntryId, out var brand)) return Ignore(context, out error);

        if (!WebhookJson.TryObject(item, "message", path, out var message, out error)) return false;
        var messagePath = WebhookJson.Join(path, "message");
        var verb = MentionVerb.Add;
        if (message.ValueKind != JsonValueKind.Object)
        {
            if (!WebhookJson.TryObject(item, "message_edit", path, out message, out error)) return false;
            // Deliveries, reads, reactions, postbacks, referrals, opt-ins…: not messages.
            if (message.ValueKind != JsonValueKind.Object) return Ignore(context, out error);
            messagePath = WebhookJson.Join(path, "message_edit");
            verb = MentionVerb.Edit;
        }

        if (!ReadParty(item, "sender", path, out var senderId, out error)) return false;
        if (!ReadParty(item, "recipient", path, out var recipientId, out error)) return false;
        if (!WebhookJson.TryTime(item, "timestamp", path, out var created, out error)) return false;
        if (!WebhookJson.RequiredId(message, "mid", messagePath, out var mid, out error)) return false;
        if (!WebhookJson.TryString(message, "text", messagePath, out var text, out error)) return false;
        if (!WebhookJson.TryBool(message, "is_echo", messagePath, out var isEcho, out error)) return false;
        if (!WebhookJson.TryBool(message, "is_deleted", messagePath, out var isDeleted, out error)) return false;
        if (!WebhookJson.TryObject(message, "reply_to", messagePath, out var replyTo, out error)) return false;
        string? parentId = null;
        if (replyTo.ValueKind == JsonValueKind.Object
            && !WebhookJson.TryId(replyTo, "mid", WebhookJson.Join(messagePath, "reply_to"), out parentId, out error))
            return false;
        if (isDeleted == true) verb = MentionVerb.Delete;

        var fromBrand = isEcho == true || senderId == context.EntryId;
        var customer = fromBrand ? recipientId : senderId;
        context.Sink.Add(WebhookMention.Create(brand, mid!, Channel.Dm, parentId, $"{context.EntryId}:{customer}",
            new Author(senderId), fromBrand, text, created ?? context.ReceivedAt, context.ReceivedAt, verb));
        return true;
    }

    /// <summary>Reads <c>sender.id</c> or <c>recipient.id</c>.</summary>
    private static bool ReadParty(JsonElement item, string name, string path, out string id, [NotNullWhen(false)] out string? error)
    {
        id = "";
        if (!WebhookJson.RequiredObject(item, name, path, out var party, out error)) return false;
        if (!WebhookJson.RequiredId(party, "id", WebhookJson.Join(path, name), out var value, out error)) return false;
        id = value!;
        return true;
    }
}
