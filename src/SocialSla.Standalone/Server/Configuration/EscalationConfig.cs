using System.Diagnostics.CodeAnalysis;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Alerts.Escalation;
using SocialSla.Core.Calendars;

namespace SocialSla.Standalone.Server.Configuration;

/// <summary>The on-call ladder (<c>escalation</c>): minutes an unacknowledged alert of a level waits before it also
/// goes to the sinks of the next level; none: no escalation.</summary>
internal sealed class EscalationOptions
{
    /// <summary>Warning → the at-risk sinks after this many minutes.</summary>
    public int? WarningMinutes { get; set; }

    /// <summary>At risk → the breach sinks after this many minutes.</summary>
    public int? AtRiskMinutes { get; set; }
}

/// <summary>A roster (<c>rosters[]</c>): sinks with on-duty hours; outside them only breaches are delivered at once.</summary>
internal sealed class RosterOptions
{
    public string Name { get; set; } = "";

    /// <summary>The sink names that belong to the roster.</summary>
    public List<string> Sinks { get; set; } = [];

    /// <summary>On-duty hours, e.g. <c>mon-fri 08:00-18:00</c>.</summary>
    public string OnDuty { get; set; } = "";

    /// <summary>The roster's IANA time zone.</summary>
    public string Zone { get; set; } = "UTC";

    /// <summary>Dates (<c>yyyy-MM-dd</c>) the roster is off all day.</summary>
    public List<string> Holidays { get; set; } = [];
}

/// <summary>Validates the ladder and the rosters against the configured sinks.</summary>
internal static class EscalationConfig
{
    public static bool TryCreate(EscalationOptions? escalation, IReadOnlyList<RosterOptions> rosters, IReadOnlyCollection<string> sinkNames,
        out EscalationLadder ladder, out IReadOnlyList<Roster> validRosters, [NotNullWhen(false)] out string? error)
    {
        ladder = EscalationLadder.None;
        validRosters = [];
        var waits = new Dictionary<AlertKind, Duration>();
        foreach (var (name, minutes, level) in new[] { ("warningMinutes", escalation?.WarningMinutes, AlertKind.Warning), ("atRiskMinutes", escalation?.AtRiskMinutes, AlertKind.AtRisk) })
        {
            if (minutes is null) continue;
            if (minutes is < 1 or > 7 * 24 * 60)
            {
                error = $"escalation.{name} must be between 1 and 10080 minutes";
                return false;
            }
            waits[level] = Duration.FromMinutes(minutes.Value);
        }

        var built = new List<Roster>();
        for (var i = 0; i < rosters.Count; i++)
        {
            var roster = rosters[i];
            var at = $"rosters[{i}]";
            if (string.IsNullOrWhiteSpace(roster.Name))
            {
                error = $"{at}.name is required";
                return false;
            }
            if (roster.Sinks.Count == 0)
            {
                error = $"{at}.sinks must name at least one sink";
                return false;
            }
            if (roster.Sinks.FirstOrDefault(s => !sinkNames.Contains(s)) is { } unknown)
            {
                error = $"{at}.sinks: no sink is named '{unknown}'";
                return false;
            }
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(roster.Zone) is not { } zone)
            {
                error = $"{at}.zone '{roster.Zone}' is not an IANA time zone";
                return false;
            }
            if (!WeeklyHours.TryParse(roster.OnDuty, out var hours, out var problem))
            {
                error = $"{at}.onDuty: {problem}";
                return false;
            }
            var holidays = new List<LocalDate>();
            foreach (var text in roster.Holidays)
            {
                var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text);
                if (!parsed.Success)
                {
                    error = $"{at}.holidays: '{text}' is not a date (yyyy-MM-dd)";
                    return false;
                }
                holidays.Add(parsed.Value);
            }
            built.Add(new Roster(roster.Name, roster.Sinks.ToHashSet(StringComparer.Ordinal), new BusinessCalendar(zone, hours, holidays)));
        }
        ladder = new EscalationLadder(waits);
        validRosters = built;
        error = null;
        return true;
    }
}
