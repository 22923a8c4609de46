using System.Globalization;
using static SocialSla.Core.Alerts.AdaptiveCardWriter;

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
        return Message(
            json =>
            {
                TextBlock(json, incident.Title, "Bolder", "Medium", incident.Level == AlertKind.Breached ? "Attention" : "Warning", wrap: false);
                FactSet(json, StormSlackMessage.Facts(incident));
                var shown = incident.Cases.Take(CasesShown).Select(c => board is null ? "- " + c.Value : $"- [{c.Value}]({StormLinks.Case(board, c)})");
                var more = incident.Count - Math.Min(CasesShown, incident.Cases.Count);
                TextBlock(json, string.Join("\n", shown) + (more > 0 ? $"\n- … and {more.ToString(CultureInfo.InvariantCulture)} more" : ""));
            },
            json => OpenUrl(json, "Open board", board?.ToString()));
    }
}
