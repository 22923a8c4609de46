using System.Globalization;
using System.Text;
using NodaTime.Text;
using static SocialSla.Core.Alerts.SlackBlocksWriter;

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
        return Message($"{incident.Title} since {InstantPattern.ExtendedIso.Format(incident.StartedAt)}", json =>
        {
            Header(json, incident.Title);
            Fields(json, Facts(incident));
            var list = new StringBuilder();
            foreach (var @case in incident.Cases.Take(CasesShown))
            {
                // Slack links are <url|text>; the case id is escaped as text.
                list.Append("• ").Append(board is null ? Escape(@case.Value) : $"<{StormLinks.Case(board, @case)}|{Escape(@case.Value)}>").Append('\n');
            }
            var more = incident.Count - Math.Min(CasesShown, incident.Cases.Count);
            if (more > 0) list.Append("• … and ").Append(more.ToString(CultureInfo.InvariantCulture)).Append(" more");
            if (list.Length > 0) Section(json, list.ToString().TrimEnd('\n'));
            Buttons(json, board is null ? [] : [("Open board", board.ToString())]);
        });
    }

    /// <summary>The facts a storm message lists (Teams and Slack), in order.</summary>
    internal static IEnumerable<(string Title, string Value)> Facts(StormIncident incident) =>
    [
        ("Account", incident.Account.ToString()),
        ("Level", SlaAlertJson.KindName(incident.Level)),
        ("Alerts", incident.Count.ToString(CultureInfo.InvariantCulture)),
        ("Since", InstantPattern.ExtendedIso.Format(incident.StartedAt)),
        ("Incident", incident.GroupId),
    ];
}
