using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime.Text;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>A storm message as a Slack incoming-webhook message: a plain <c>text</c> fallback and Block Kit blocks
/// (a header, a section of fields, the cases listed, and an "Open board" button).</summary>
public static class StormSlackMessage
{
    /// <summary>Cases named in the message; the count covers the rest.</summary>
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
            json.WriteString("text", $"{incident.Title} since {InstantPattern.ExtendedIso.Format(incident.StartedAt)}");
            json.WriteStartArray("blocks");

            json.WriteStartObject();
            json.WriteString("type", "header");
            PlainText(json, "text", incident.Title.Length <= 150 ? incident.Title : incident.Title[..150]);
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartArray("fields");
            Field(json, "Account", incident.Account.ToString());
            Field(json, "Level", SlaAlertJson.KindName(incident.Level));
            Field(json, "Alerts", incident.Count.ToString(CultureInfo.InvariantCulture));
            Field(json, "Since", InstantPattern.ExtendedIso.Format(incident.StartedAt));
            Field(json, "Incident", incident.GroupId);
            json.WriteEndArray();
            json.WriteEndObject();

            var list = new StringBuilder();
            foreach (var @case in incident.Cases.Take(CasesShown))
            {
                // Slack links are <url|text>; the case id is escaped as text.
                list.Append("• ").Append(board is null ? Escape(@case.Value) : $"<{StormLinks.Case(board, @case)}|{Escape(@case.Value)}>").Append('\n');
            }
            var more = incident.Count - Math.Min(CasesShown, incident.Cases.Count);
            if (more > 0) list.Append("• … and ").Append(more.ToString(CultureInfo.InvariantCulture)).Append(" more");
            if (list.Length > 0)
            {
                json.WriteStartObject();
                json.WriteString("type", "section");
                json.WriteStartObject("text");
                json.WriteString("type", "mrkdwn");
                json.WriteString("text", list.ToString().TrimEnd('\n'));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            if (board is not null)
            {
                json.WriteStartObject();
                json.WriteString("type", "actions");
                json.WriteStartArray("elements");
                json.WriteStartObject();
                json.WriteString("type", "button");
                PlainText(json, "text", "Open board");
                json.WriteString("url", board.ToString());
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void PlainText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "plain_text");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static void Field(Utf8JsonWriter json, string title, string value)
    {
        json.WriteStartObject();
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", $"*{title}*\n{Escape(value)}");
        json.WriteEndObject();
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
