using System.Buffers;
using System.Globalization;
using System.Text.Json;
using NodaTime.Text;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>A storm message as a Microsoft Teams workflow webhook message: one Adaptive Card (schema version
/// <see cref="TeamsCardPayload.SchemaVersion"/>) with the rolling count, the account and level, the cases listed
/// (each a link when the board's URL is known) and an "Open board" action.</summary>
public static class StormTeamsCard
{
    /// <summary>Cases named on the card; the count covers the rest.</summary>
    public const int CasesShown = 20;

    /// <summary>The message body, UTF-8 JSON.</summary>
    /// <param name="incident">The storm message.</param>
    /// <param name="board">The server's public base URL, for the links; none without it.</param>
    public static byte[] Build(StormIncident incident, Uri? board)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var buffer = new ArrayBufferWriter<byte>(4096);
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
            TextBlock(json, incident.Title, "Bolder", "Medium", incident.Level == AlertKind.Breached ? "Attention" : "Warning");

            json.WriteStartObject();
            json.WriteString("type", "FactSet");
            json.WriteStartArray("facts");
            Fact(json, "Account", incident.Account.ToString());
            Fact(json, "Level", SlaAlertJson.KindName(incident.Level));
            Fact(json, "Alerts", incident.Count.ToString(CultureInfo.InvariantCulture));
            Fact(json, "Since", InstantPattern.ExtendedIso.Format(incident.StartedAt));
            Fact(json, "Incident", incident.GroupId);
            json.WriteEndArray();
            json.WriteEndObject();

            var shown = incident.Cases.Take(CasesShown).Select(c => board is null ? "- " + c.Value : $"- [{c.Value}]({StormLinks.Case(board, c)})");
            var more = incident.Count - Math.Min(CasesShown, incident.Cases.Count);
            var list = string.Join("\n", shown) + (more > 0 ? $"\n- … and {more.ToString(CultureInfo.InvariantCulture)} more" : "");
            TextBlock(json, list, null, null, null, wrap: true);
            json.WriteEndArray();

            json.WriteStartArray("actions");
            if (board is not null)
            {
                json.WriteStartObject();
                json.WriteString("type", "Action.OpenUrl");
                json.WriteString("title", "Open board");
                json.WriteString("url", board.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void TextBlock(Utf8JsonWriter json, string text, string? weight, string? size, string? color, bool wrap = false)
    {
        json.WriteStartObject();
        json.WriteString("type", "TextBlock");
        json.WriteString("text", text);
        if (weight is not null) json.WriteString("weight", weight);
        if (size is not null) json.WriteString("size", size);
        if (color is not null) json.WriteString("color", color);
        json.WriteBoolean("wrap", wrap);
        json.WriteEndObject();
    }

    private static void Fact(Utf8JsonWriter json, string title, string value)
    {
        json.WriteStartObject();
        json.WriteString("title", title);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
