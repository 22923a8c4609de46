using static SocialSla.Core.Alerts.AdaptiveCardWriter;

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
        return Message(
            json =>
            {
                TextBlock(json, card.Title, weight: "Bolder", size: "Medium", color: alert.Kind == AlertKind.Breached ? "Attention" : alert.Kind == AlertKind.AtRisk ? "Warning" : "Default");
                FactSet(json, Facts(card, clockRun: true));
                if (alert.Excerpt.Length > 0) TextBlock(json, alert.Excerpt, wrap: true, isSubtle: true);
            },
            json =>
            {
                OpenUrl(json, "Open post", alert.Link);
                OpenUrl(json, "Open case", card.CaseUrl?.ToString());
                OpenUrl(json, "Acknowledge", card.AcknowledgeUrl?.ToString());
                OpenUrl(json, "Resolve", card.ResolveUrl?.ToString());
            });
    }

    /// <summary>The facts a case alert's card lists (Teams and Slack), in order; <paramref name="clockRun"/> names the
    /// clock's run after its name.</summary>
    internal static List<(string Title, string Value)> Facts(AlertCard card, bool clockRun)
    {
        var alert = card.Alert;
        var facts = new List<(string, string)>
        {
            ("Case", alert.Case.Value),
            ("Clock", clockRun ? $"{AlertId.ClockName(alert.Clock)} (run {alert.Id.Key.Sequence})" : AlertId.ClockName(alert.Clock)),
            ("Target", Sla.DurationText.Format(alert.Target)),
            ("Elapsed", card.ElapsedText),
            ("Time left", card.TimeLeft),
            ("Priority", card.PriorityText),
        };
        if (alert.CustomerHandle is { } handle) facts.Add(("Customer", "@" + handle));
        return facts;
    }
}
