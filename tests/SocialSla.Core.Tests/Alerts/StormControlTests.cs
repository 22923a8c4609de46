using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Alerts.Storms;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Tests.Alerts;

public sealed class StormControlTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 9, 0);
    private static readonly PlatformAccountId Contoso = new(Platform.X, "ContosoCoffee");
    private static readonly PlatformAccountId Fabrikam = new(Platform.X, "Fabrikam");

    [Fact]
    public void Five_hundred_breaches_in_five_minutes_make_one_grouped_incident_per_recipient_and_level()
    {
        var storms = new StormControl(StormOptions.Default);
        var decisions = new List<StormDecision>();
        string[] recipients = ["teams-care", "pagerduty-oncall"];
        for (var i = 0; i < 500; i++)
        {
            var at = T0 + Duration.FromMilliseconds(i * 600); // 500 in 5 minutes
            foreach (var recipient in recipients)
                decisions.Add(storms.Admit(new StormKey(recipient, Contoso, AlertKind.Breached), new CaseId($"x:ContosoCoffee:{i}"), at));
        }
        decisions.AddRange(storms.Advance(T0 + Duration.FromMinutes(5) + StormOptions.Default.EndsAfterQuiet));

        foreach (var recipient in recipients)
        {
            var mine = decisions.Where(d => d.Key.Recipient == recipient).ToList();
            Assert.Equal(StormOptions.Default.Threshold, mine.Count(d => d.Action == StormAction.Deliver));
            Assert.Single(mine, d => d.Action == StormAction.OpenGroup);
            var close = Assert.Single(mine, d => d.Action == StormAction.CloseGroup);
            Assert.Equal(500, close.Count);
            Assert.Single(mine.Where(d => d.GroupId is not null).Select(d => d.GroupId).Distinct());
            // Pages sent for the storm: the first five, the group, at most one update in five minutes, the close.
            Assert.InRange(mine.Count(d => d.Sends), 7, 8);
            Assert.Equal(StormOptions.Default.ListedCases, close.Cases.Count);
            Assert.Equal(new CaseId("x:ContosoCoffee:0"), close.Cases[0]);
        }
        Assert.Equal(0, storms.OpenGroups);
    }

    [Fact]
    public void Breaches_spread_out_are_each_delivered()
    {
        var storms = new StormControl(StormOptions.Default);
        for (var i = 0; i < 40; i++)
        {
            var decision = storms.Admit(new StormKey("teams", Contoso, AlertKind.Breached), new CaseId($"c{i}"), T0 + Duration.FromMinutes(i * 2.5));
            Assert.Equal(StormAction.Deliver, decision.Action);
        }
    }

    [Fact]
    public void Accounts_and_levels_storm_separately_and_a_group_closes_only_after_it_is_quiet()
    {
        var storms = new StormControl(StormOptions.Default);
        var decisions = new List<StormDecision>();
        for (var i = 0; i < 12; i++)
        {
            var at = T0 + Duration.FromSeconds(i * 10);
            decisions.Add(storms.Admit(new StormKey("teams", Contoso, AlertKind.Breached), new CaseId($"c{i}"), at));
            decisions.Add(storms.Admit(new StormKey("teams", Fabrikam, AlertKind.Breached), new CaseId($"f{i}"), at));
            if (i < 3) decisions.Add(storms.Admit(new StormKey("teams", Contoso, AlertKind.AtRisk), new CaseId($"r{i}"), at));
        }
        Assert.Equal(2, decisions.Count(d => d.Action == StormAction.OpenGroup));
        Assert.All(decisions.Where(d => d.Key.Level == AlertKind.AtRisk), d => Assert.Equal(StormAction.Deliver, d.Action));

        var lastAt = T0 + Duration.FromSeconds(110);
        Assert.Empty(storms.Advance(lastAt + StormOptions.Default.EndsAfterQuiet - Duration.FromSeconds(1)));
        Assert.Equal(lastAt + StormOptions.Default.EndsAfterQuiet, storms.NextCloseAt);
        var closed = storms.Advance(lastAt + StormOptions.Default.EndsAfterQuiet);
        Assert.Equal(2, closed.Count);
        Assert.All(closed, c => Assert.Equal(12, c.Count));

        // After the storm, the count starts afresh: the next alert is delivered on its own.
        Assert.Equal(StormAction.Deliver, storms.Admit(new StormKey("teams", Contoso, AlertKind.Breached), new CaseId("late"), lastAt + Duration.FromHours(1)).Action);
    }

    [Property(MaxTest = 200)]
    public Property Pages_to_one_recipient_stay_bounded_in_any_window_however_alerts_arrive()
    {
        var offsets = Gen.Choose(0, 900).ArrayOf().Where(a => a.Length > 0);
        return Prop.ForAll(offsets.ToArbitrary(), Gen.Choose(1, 8).ToArbitrary(), (seconds, threshold) =>
        {
            var options = StormOptions.Default with { Threshold = threshold };
            var storms = new StormControl(options);
            var sent = new List<Instant>();
            var key = new StormKey("pager", Contoso, AlertKind.Breached);
            var i = 0;
            foreach (var at in seconds.Order().Select(s => T0 + Duration.FromSeconds(s)))
            {
                foreach (var closed in storms.Advance(at)) sent.Add(at);
                if (storms.Admit(key, new CaseId($"c{i++}"), at).Sends) sent.Add(at);
            }
            // In any window: the threshold's own alerts, one opening, updates at the cooldown, one close, and, if a
            // storm closed and a new one began inside the window, the same again.
            var perStorm = threshold + 1 + (int)Math.Ceiling(options.Window / options.UpdateEvery) + 1;
            var worst = sent.Select(start => sent.Count(s => s >= start && s < start + options.Window)).DefaultIfEmpty(0).Max();
            return (worst <= 2 * perStorm).Label($"worst {worst} > {2 * perStorm}");
        });
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StormControl(StormOptions.Default with { Threshold = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StormControl(StormOptions.Default with { Window = Duration.Zero }));
    }
}
