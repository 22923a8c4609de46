using static SocialSla.Core.Alerts.SlackBlocksWriter;

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
        return Message($"{card.Title}: {card.TimeLeft}, case {alert.Case.Value}", json =>
        {
            Header(json, card.Title);
            Fields(json, TeamsCardPayload.Facts(card, clockRun: false));
            if (alert.Excerpt.Length > 0) Section(json, "> " + Escape(Limit(alert.Excerpt, 2900)).Replace("\n", "\n> ", StringComparison.Ordinal));
            var buttons = new List<(string Text, string Url)>();
            if (alert.Link is { } link) buttons.Add(("Open post", link));
            if (card.CaseUrl is { } caseUrl) buttons.Add(("Open case", caseUrl.ToString()));
            if (card.AcknowledgeUrl is { } ack) buttons.Add(("Acknowledge", ack.ToString()));
            if (card.ResolveUrl is { } resolve) buttons.Add(("Resolve", resolve.ToString()));
            Buttons(json, buttons);
        });
    }
}
