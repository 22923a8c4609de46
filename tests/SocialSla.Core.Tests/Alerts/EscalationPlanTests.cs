using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Alerts.Escalation;
using SocialSla.Core.Calendars;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Tests.Alerts;

public sealed class EscalationPlanTests
{
    private static readonly PlatformAccountId Contoso = new(Platform.X, "ContosoCoffee");
    // Monday 2026-11-02, 10:00 in Berlin (CET, UTC+1).
    private static readonly Instant MondayMorning = Instant.FromUtc(2026, 11, 2, 9, 0);

    private static SlaAlert Alert(AlertKind kind, Instant raisedAt)
    {
        var level = kind switch { AlertKind.Warning => ThresholdLevel.Warning, AlertKind.AtRisk => ThresholdLevel.AtRisk, _ => ThresholdLevel.Breached };
        return new SlaAlert
        {
            Id = new AlertId(new CaseId("x:ContosoCoffee:1"), new AlertKey(ClockKind.FirstReply, 1, level)),
            Kind = kind,
            Account = Contoso,
            Target = Duration.FromMinutes(15),
            ThresholdAt = raisedAt,
            DueAt = raisedAt + Duration.FromMinutes(5),
            RaisedAt = raisedAt,
            Elapsed = Duration.FromMinutes(10),
            Priority = Priority.Normal,
        };
    }

    private static AlertRoute Route(string sink, params AlertKind[] kinds) => new(sink, kinds.ToHashSet(), new HashSet<PlatformAccountId>());

    private static readonly AlertRoute[] Routes =
    [
        Route("teams-care", AlertKind.Warning),
        Route("slack-lead", AlertKind.AtRisk),
        Route("pagerduty", AlertKind.Breached),
        Route("audit-log"),
    ];

    private static readonly EscalationLadder TenMinutes = new(new Dictionary<AlertKind, Duration>
    {
        [AlertKind.Warning] = Duration.FromMinutes(10),
        [AlertKind.AtRisk] = Duration.FromMinutes(5),
    });

    [Fact]
    public void A_warning_goes_to_the_team_now_and_to_the_lead_after_the_wait_unless_acknowledged()
    {
        var plan = EscalationPlan.For(Alert(AlertKind.Warning, MondayMorning), Routes, TenMinutes, []);
        Assert.Equal(
            [new PlannedDelivery("teams-care", MondayMorning, false), new PlannedDelivery("audit-log", MondayMorning, false),
             new PlannedDelivery("slack-lead", MondayMorning + Duration.FromMinutes(10), true)],
            plan);
    }

    [Fact]
    public void At_risk_escalates_to_on_call_and_a_breach_has_nowhere_further_to_go()
    {
        var atRisk = EscalationPlan.For(Alert(AlertKind.AtRisk, MondayMorning), Routes, TenMinutes, []);
        Assert.Contains(new PlannedDelivery("pagerduty", MondayMorning + Duration.FromMinutes(5), true), atRisk);
        Assert.DoesNotContain(atRisk, d => d.Sink == "teams-care");

        var breached = EscalationPlan.For(Alert(AlertKind.Breached, MondayMorning), Routes, TenMinutes, []);
        Assert.All(breached, d => Assert.False(d.UnlessAcknowledged));
        Assert.Equal(["pagerduty", "audit-log"], breached.Select(d => d.Sink));
    }

    [Fact]
    public void No_wait_for_a_level_means_no_escalation_and_a_sink_never_gets_an_alert_twice()
    {
        Assert.DoesNotContain(EscalationPlan.For(Alert(AlertKind.Warning, MondayMorning), Routes, EscalationLadder.None, []), d => d.UnlessAcknowledged);

        AlertRoute[] overlapping = [Route("teams", AlertKind.Warning, AlertKind.AtRisk)];
        var plan = EscalationPlan.For(Alert(AlertKind.Warning, MondayMorning), overlapping, TenMinutes, []);
        Assert.Equal([new PlannedDelivery("teams", MondayMorning, false)], plan);
    }

    [Fact]
    public void Quiet_hours_hold_warnings_until_the_roster_is_on_duty_but_breaches_page_at_once()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var team = new Roster("care team", new HashSet<string> { "teams-care", "slack-lead" },
            new BusinessCalendar(berlin, WeeklyHours.Parse("mon-fri 08:00-18:00")));
        // Monday 22:30 Berlin = 21:30Z; the team is next on duty Tuesday 08:00 Berlin = 07:00Z.
        var late = Instant.FromUtc(2026, 11, 2, 21, 30);
        var tuesdayEight = Instant.FromUtc(2026, 11, 3, 7, 0);

        var warning = EscalationPlan.For(Alert(AlertKind.Warning, late), Routes, TenMinutes, [team]);
        Assert.Contains(new PlannedDelivery("teams-care", tuesdayEight, false), warning);
        Assert.Contains(new PlannedDelivery("slack-lead", tuesdayEight, true), warning);
        Assert.Contains(new PlannedDelivery("audit-log", late, false), warning); // not in the roster

        AlertRoute[] teamTakesBreaches = [Route("teams-care", AlertKind.Breached)];
        var breach = EscalationPlan.For(Alert(AlertKind.Breached, late), teamTakesBreaches, TenMinutes, [team]);
        Assert.Equal([new PlannedDelivery("teams-care", late, false)], breach);

        // On duty: unchanged.
        var morning = EscalationPlan.For(Alert(AlertKind.Warning, MondayMorning), Routes, TenMinutes, [team]);
        Assert.Contains(new PlannedDelivery("teams-care", MondayMorning, false), morning);
    }
}
