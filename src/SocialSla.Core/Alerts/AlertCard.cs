using System.Globalization;
using NodaTime;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Alerts;

/// <summary>What every alert card says, whatever the tool it goes to: the case, the clock, the target, the time
/// elapsed, the time left or overdue, the priority, the customer, an excerpt, and where to look and act.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Title">One line, e.g. "Breached: first reply on x:ContosoCoffee (target 15m)".</param>
/// <param name="TimeLeft">"3m left" before the due instant, "overdue by 2m" after it.</param>
/// <param name="CaseUrl">The case on the board, when the server's public URL is configured.</param>
/// <param name="AcknowledgeUrl">Where to acknowledge it (the board's case view with the alert selected).</param>
/// <param name="ResolveUrl">Where to resolve the case.</param>
public sealed record AlertCard(SlaAlert Alert, string Title, string TimeLeft, Uri? CaseUrl, Uri? AcknowledgeUrl, Uri? ResolveUrl)
{
    /// <summary>The card of <paramref name="alert"/> as seen at <paramref name="now"/>.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="now">When the card is sent (the time left is counted to it).</param>
    /// <param name="board">The server's public base URL, for the links; none without it.</param>
    public static AlertCard From(SlaAlert alert, Instant now, Uri? board)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var level = alert.Kind switch
        {
            AlertKind.Warning => "Warning",
            AlertKind.AtRisk => "At risk",
            AlertKind.Breached => "Breached",
            AlertKind.ReplyWindowClosing => "Reply window closing",
            _ => "Alert",
        };
        var clock = alert.Clock switch
        {
            ClockKind.FirstReply => "first reply",
            ClockKind.NextReply => "next reply",
            ClockKind.Resolution => "resolution",
            _ => "reply window",
        };
        var title = $"{level}: {clock} on {alert.Account} (target {DurationText.Format(alert.Target)})";
        var left = alert.DueAt - now;
        var timeLeft = left > Duration.Zero ? $"{Round(left)} left" : left == Duration.Zero ? "due now" : $"overdue by {Round(-left)}";
        Uri? caseUrl = null, ack = null, resolve = null;
        if (board is not null)
        {
            var id = Uri.EscapeDataString(alert.Case.Value);
            caseUrl = new Uri(board, $"cases/{id}");
            ack = new Uri(board, $"cases/{id}?ack={Uri.EscapeDataString(alert.Id.ToString())}");
            resolve = new Uri(board, $"cases/{id}?resolve=1");
        }
        return new AlertCard(alert, title, timeLeft, caseUrl, ack, resolve);
    }

    /// <summary>A priority name for people ("Urgent").</summary>
    public string PriorityText => Alert.Priority.ToString();

    /// <summary>The elapsed business time, rounded for people ("14m 30s").</summary>
    public string ElapsedText => Round(Alert.Elapsed);

    private static string Round(Duration duration)
    {
        var seconds = (long)Math.Round(duration.TotalSeconds);
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours}h")
            : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h {span.Minutes}m")
            : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s");
    }
}
