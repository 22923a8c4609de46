using System.Buffers;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Import;

/// <summary>Writes a <see cref="Mention"/> as one line of the JSONL mention format that
/// <see cref="JsonlMentionParser"/> reads: parsing the line gives an equal mention.</summary>
public static class JsonlMentionWriter
{
    /// <summary>The mention as one JSON object in UTF-8, without a line break.</summary>
    public static byte[] ToUtf8(Mention mention)
    {
        var buffer = new ArrayBufferWriter<byte>(384);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, mention);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the mention as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Mention mention)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(mention);
        writer.WriteStartObject();
        writer.WriteString("id", mention.Id.ExternalId);
        writer.WriteString("platform", mention.Id.Platform.ToWireName());
        writer.WriteString("account", mention.Account.Value);
        writer.WriteString("channel", mention.Channel.ToWireName());
        if (mention.ParentId is { } parent) writer.WriteString("parentId", parent.ExternalId);
        if (mention.ThreadKey is { } thread) writer.WriteString("threadKey", thread);
        writer.WriteStartObject("author");
        writer.WriteString("id", mention.Author.Id);
        if (mention.Author.Handle is { } handle) writer.WriteString("handle", handle);
        if (mention.Author.Followers is { } followers) writer.WriteNumber("followers", followers);
        if (mention.Author.Verified) writer.WriteBoolean("verified", true);
        writer.WriteEndObject();
        writer.WriteBoolean("fromBrand", mention.FromBrand);
        if (mention.Text.Length > 0) writer.WriteString("text", mention.Text);
        writer.WriteString("createdAt", Format(mention.CreatedAt));
        writer.WriteString("receivedAt", Format(mention.ReceivedAt));
        if (mention.Verb != MentionVerb.Add) writer.WriteString("verb", mention.Verb.ToString().ToLowerInvariant());
        if (!mention.Actionable) writer.WriteBoolean("actionable", false);
        if (mention.Priority != Priority.Normal) writer.WriteString("priority", mention.Priority.ToString().ToLowerInvariant());
        if (mention.Url is { } url) writer.WriteString("url", url);
        writer.WriteEndObject();
    }

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
