using System.Buffers;
using System.Text.Json;

namespace SocialSla.Core.Alerts;

/// <summary>The parts every Slack message of ours is made of: a plain <c>text</c> fallback (notifications) and Block
/// Kit blocks: a header, a section of fields, a section of mrkdwn text, link buttons.</summary>
internal static class SlackBlocksWriter
{
    /// <summary>Slack's limit on a header's text.</summary>
    private const int HeaderLength = 150;

    /// <summary>The incoming-webhook message, UTF-8 JSON.</summary>
    public static byte[] Message(string fallback, Action<Utf8JsonWriter> blocks)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", fallback);
            json.WriteStartArray("blocks");
            blocks(json);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void Header(Utf8JsonWriter json, string title)
    {
        json.WriteStartObject();
        json.WriteString("type", "header");
        PlainText(json, "text", Limit(title, HeaderLength));
        json.WriteEndObject();
    }

    /// <summary>A section of <c>*title*</c> and value fields, the values escaped.</summary>
    public static void Fields(Utf8JsonWriter json, IEnumerable<(string Title, string Value)> fields)
    {
        json.WriteStartObject();
        json.WriteString("type", "section");
        json.WriteStartArray("fields");
        foreach (var (title, value) in fields)
        {
            json.WriteStartObject();
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", $"*{title}*\n{Escape(value)}");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A section of mrkdwn text, written as given (escape what is not markup first).</summary>
    public static void Section(Utf8JsonWriter json, string mrkdwn)
    {
        json.WriteStartObject();
        json.WriteString("type", "section");
        json.WriteStartObject("text");
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", mrkdwn);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>An actions block of link buttons; nothing without buttons.</summary>
    public static void Buttons(Utf8JsonWriter json, IReadOnlyCollection<(string Text, string Url)> buttons)
    {
        if (buttons.Count == 0) return;
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

    /// <summary>Slack's three control characters in mrkdwn text.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>At most <paramref name="length"/> characters, the last an ellipsis when cut.</summary>
    public static string Limit(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");

    private static void PlainText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "plain_text");
        json.WriteString("text", text);
        json.WriteEndObject();
    }
}
