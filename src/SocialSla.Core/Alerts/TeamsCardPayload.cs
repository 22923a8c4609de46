using System.Buffers;
using System.Text.Json;

namespace SocialSla.Core.Alerts;

/// <summary>An alert as a Microsoft Teams workflow webhook message: one Adaptive Card (schema version
/// <see cref="SchemaVersion"/>) with the card's facts and "Open case", "Acknowledge" and "Resolve" actions.</summary>
/// <remarks>Shape: <c>{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
/// "contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard",
/// "version":"1.4","body":[…],"actions":[…]}}]}</c>, what the "Post card in a chat or channel" workflow takes.</remarks>
public static class TeamsCardPayload
{
    /// <summary>The Adaptive Card schema version used (Teams renders up to 1.5).</summary>
    public const string SchemaVersion = "1.4";

    /// <summary>The message body, UTF-8 JSON.</summary>
    public static byte[] Build(AlertCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var alert = card.Alert;
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
            json.WriteString("version", SchemaVersion);
            json.WriteStartArray("body");
            TextBlock(json, card.Title, weight: "Bolder", size: "Medium", color: alert.Kind == AlertKind.Breached ? "Attention" : alert.Kind == AlertKind.AtRisk ? "Warning" : "Default");
            json.WriteStartObject();
            json.WriteString("type", "FactSet");
            json.WriteStartArray("facts");
            Fact(json, "Case", alert.Case.Value);
            Fact(json, "Clock", $"{AlertId.ClockName(alert.Clock)} (run {alert.Id.Key.Sequence})");
            Fact(json, "Target", Sla.DurationText.Format(alert.Target));
            Fact(json, "Elapsed", card.ElapsedText);
            Fact(json, "Time left", card.TimeLeft);
            Fact(json, "Priority", card.PriorityText);
            if (alert.CustomerHandle is { } handle) Fact(json, "Customer", "@" + handle);
            json.WriteEndArray();
            json.WriteEndObject();
            if (alert.Excerpt.Length > 0) TextBlock(json, alert.Excerpt, wrap: true, isSubtle: true);
            json.WriteEndArray();
            json.WriteStartArray("actions");
            OpenUrl(json, "Open post", alert.Link);
            OpenUrl(json, "Open case", card.CaseUrl?.ToString());
            OpenUrl(json, "Acknowledge", card.AcknowledgeUrl?.ToString());
            OpenUrl(json, "Resolve", card.ResolveUrl?.ToString());
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void TextBlock(Utf8JsonWriter json, string text, string? weight = null, string? size = null, string? color = null, bool wrap = true, bool isSubtle = false)
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

    private static void Fact(Utf8JsonWriter json, string title, string value)
    {
        json.WriteStartObject();
        json.WriteString("title", title);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    private static void OpenUrl(Utf8JsonWriter json, string title, string? url)
    {
        if (url is null) return;
        json.WriteStartObject();
        json.WriteString("type", "Action.OpenUrl");
        json.WriteString("title", title);
        json.WriteString("url", url);
        json.WriteEndObject();
    }
}
