using System.Buffers;
using System.Text.Json;

namespace SocialSla.Core.Alerts;

/// <summary>The parts every Teams card of ours is made of: the workflow message holding one Adaptive Card (schema
/// <see cref="TeamsCardPayload.SchemaVersion"/>), text blocks, fact sets and link actions.</summary>
/// <remarks>Shape: <c>{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
/// "contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard",
/// "version":"1.4","body":[…],"actions":[…]}}]}</c>, what the "Post card in a chat or channel" workflow takes.</remarks>
internal static class AdaptiveCardWriter
{
    /// <summary>The message, UTF-8 JSON, with the card's <paramref name="body"/> and <paramref name="actions"/> elements.</summary>
    public static byte[] Message(Action<Utf8JsonWriter> body, Action<Utf8JsonWriter> actions)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteStartArray("attachments");
            json.WriteStartObject();
            json.WriteString("contentType", "application/vnd.microsoft.card.adaptive");
            json.WriteNull("contentUrl");
            json.WriteStartObject("content");
            json.WriteString("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
            json.WriteString("type", "AdaptiveCard");
            json.WriteString("version", TeamsCardPayload.SchemaVersion);
            json.WriteStartArray("body");
            body(json);
            json.WriteEndArray();
            json.WriteStartArray("actions");
            actions(json);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void TextBlock(Utf8JsonWriter json, string text, string? weight = null, string? size = null, string? color = null, bool wrap = true, bool isSubtle = false)
    {
        json.WriteStartObject();
        json.WriteString("type", "TextBlock");
        json.WriteString("text", text);
        if (weight is not null) json.WriteString("weight", weight);
        if (size is not null) json.WriteString("size", size);
        if (color is not null) json.WriteString("color", color);
        json.WriteBoolean("wrap", wrap);
        if (isSubtle) json.WriteBoolean("isSubtle", true);
        json.WriteEndObject();
    }

    public static void FactSet(Utf8JsonWriter json, IEnumerable<(string Title, string Value)> facts)
    {
        json.WriteStartObject();
        json.WriteString("type", "FactSet");
        json.WriteStartArray("facts");
        foreach (var (title, value) in facts)
        {
            json.WriteStartObject();
            json.WriteString("title", title);
            json.WriteString("value", value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>An <c>Action.OpenUrl</c>; nothing when <paramref name="url"/> is <see langword="null"/>.</summary>
    public static void OpenUrl(Utf8JsonWriter json, string title, string? url)
    {
        if (url is null) return;
        json.WriteStartObject();
        json.WriteString("type", "Action.OpenUrl");
        json.WriteString("title", title);
        json.WriteString("url", url);
        json.WriteEndObject();
    }
}
