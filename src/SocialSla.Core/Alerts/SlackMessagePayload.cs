using System.Buffers;
using System.Text.Json;

namespace SocialSla.Core.Alerts;

/// <summary>An alert as a Slack incoming-webhook message: a plain <c>text</c> fallback (notifications) and Block Kit
/// blocks (a header, a section of fields, the excerpt, and link buttons).</summary>
public static class SlackMessagePayload
{
    /// <summary>The message body, UTF-8 JSON.</summary>
    public static byte[] Build(AlertCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var alert = card.Alert;
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", $"{card.Title}: {card.TimeLeft}, case {alert.Case.Value}");
            json.WriteStartArray("blocks");

            json.WriteStartObject();
            json.WriteString("type", "header");
            PlainText(json, "text", Limit(card.Title, 150));
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartArray("fields");
            Field(json, "Case", alert.Case.Value);
            Field(json, "Clock", AlertId.ClockName(alert.Clock));
            Field(json, "Target", Sla.DurationText.Format(alert.Target));
            Field(json, "Elapsed", card.ElapsedText);
            Field(json, "Time left", card.TimeLeft);
            Field(json, "Priority", card.PriorityText);
            if (alert.CustomerHandle is { } handle) Field(json, "Customer", "@" + handle);
            json.WriteEndArray();
            json.WriteEndObject();

            if (alert.Excerpt.Length > 0)
            {
                json.WriteStartObject();
                json.WriteString("type", "section");
                json.WriteStartObject("text");
                json.WriteString("type", "mrkdwn");
                json.WriteString("text", "> " + Escape(Limit(alert.Excerpt, 2900)).Replace("\n", "\n> ", StringComparison.Ordinal));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            var buttons = new List<(string Text, string Url)>();
            if (alert.Link is { } link) buttons.Add(("Open post", link));
            if (card.CaseUrl is { } caseUrl) buttons.Add(("Open case", caseUrl.ToString()));
            if (card.AcknowledgeUrl is { } ack) buttons.Add(("Acknowledge", ack.ToString()));
            if (card.ResolveUrl is { } resolve) buttons.Add(("Resolve", resolve.ToString()));
            if (buttons.Count > 0)
            {
                json.WriteStartObject();
                json.WriteString("type", "actions");
                json.WriteStartArray("elements");
                foreach (var (text, url) in buttons)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "button");
                    PlainText(json, "text", text);
                    json.WriteString("url", url);
                    json.WriteEndObject();
                }
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

    /// <summary>Slack's three control characters in mrkdwn text.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Limit(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
