using SocialSla.Core.Calendars;

namespace SocialSla.Core.Alerts.Escalation;

/// <summary>A group of recipients with on-duty hours: outside them (their quiet hours) alerts wait for the next
/// on-duty instant, except breaches, which always go at once.</summary>
/// <param name="Name">The roster's name, for messages.</param>
/// <param name="Sinks">The sinks that belong to it.</param>
/// <param name="OnDuty">When it is on duty (in its own time zone, with its holidays).</param>
public sealed record Roster(string Name, IReadOnlySet<string> Sinks, BusinessCalendar OnDuty);
