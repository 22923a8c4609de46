using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Tests.Pipeline;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Sla;

public class ClockPropertyTests
{
    [Property(MaxTest = 200)]
    public Property Prop_AReplyAtExactlyTheTargetIsWithinTarget()
    {
        var minutes = Gen.Choose(1, 24 * 60);
        return Prop.ForAll(minutes.ToArbitrary(), target =>
        {
            var policy = SlaPolicy.Default.WithReplyTargetOverride(Duration.FromMinutes(target));
            var host = new SimulatedHost(policy);
            host.Deliver(Customer("1", 0));
            host.Deliver(Reply("2", target, "1"));
            host.RunAll();
            var onTime = !host.Alerts.Any(a => a.Clock == ClockKind.FirstReply && a.Kind == AlertKind.Breached);

            var late = new SimulatedHost(policy);
            late.Deliver(Customer("1", 0));
            late.Deliver(Reply("2", target, "1") with { CreatedAt = At(target) + Duration.FromSeconds(1) });
            late.RunAll();
            var breached = late.Alerts.Count(a => a.Clock == ClockKind.FirstReply && a.Kind == AlertKind.Breached) == 1;
            return onTime && breached;
        });
    }

    [Property(MaxTest = 200)]
    public Property Prop_ThresholdsFireInOrderAndOnlyBeforeTheReply()
    {
        var target = Gen.Choose(1, 240);
        var replySeconds = Gen.Choose(0, 6 * 3600);
        return Prop.ForAll(target.ToArbitrary(), replySeconds.ToArbitrary(), (targetMinutes, reply) =>
        {
            var targetDuration = Duration.FromMinutes(targetMinutes);
            var host = new SimulatedHost(SlaPolicy.Default.WithReplyTargetOverride(targetDuration));
            host.Deliver(Customer("1", 0));
            host.Deliver(Reply("2", reply / 60.0, "1"));
            host.RunAll();

            var replyAt = At(reply / 60.0);
            var fired = host.Alerts.Where(a => a.Clock == ClockKind.FirstReply).ToList();
            var expected = new[] { (ThresholdLevel.Warning, 0.5), (ThresholdLevel.AtRisk, 0.8), (ThresholdLevel.Breached, 1.0) }
                .Where(t => T0 + Duration.FromTicks((long)(targetDuration.BclCompatibleTicks * t.Item2)) < replyAt)
                .Select(t => t.Item1);
            var inOrder = fired.Zip(fired.Skip(1)).All(p => p.First.RaisedAt <= p.Second.RaisedAt && p.First.Id.Key.Level < p.Second.Id.Key.Level);
            return fired.Select(a => a.Id.Key.Level).SequenceEqual(expected) && inOrder
                && fired.All(a => a.RaisedAt > a.ThresholdAt && a.ThresholdAt < replyAt);
        });
    }

    [Property(MaxTest = 150)]
    public Property Prop_DuplicatedAndLateDeliveryGivesTheSameKpis()
    {
        // A DM conversation (thread key) of customer and brand messages at random minutes.
        // Gaps are mostly minutes, sometimes a day or more (auto-resolution, reopening); the whole conversation stays
        // inside one reopen window, since which case a message starts depends on when it arrives.
        var gap = Gen.Frequency((8, Gen.Choose(0, 120)), (2, Gen.Choose(1400, 2600)));
        var step = gap.Zip(Gen.Elements(true, false));
        var conversation = step.ListOf().Where(l => l.Count is > 0 and < 12 && l.Sum(s => s.Item1) < 90 * 60);
        return Prop.ForAll(conversation.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (steps, shuffleSeed) =>
        {
            var page = new PlatformAccountId(Platform.Instagram, "17841400000012345");
            var minute = 0;
            var messages = steps.Select((s, i) =>
            {
                minute += s.Item1;
                return s.Item2
                    ? Customer($"c{i}", minute, channel: Channel.Dm, threadKey: "ig:9", account: page)
                    : Reply($"b{i}", minute, null, channel: Channel.Dm, threadKey: "ig:9", account: page);
            }).ToList();

            var clean = new SimulatedHost();
            foreach (var m in messages) clean.Deliver(m);
            clean.RunAll();

            // On time, then every message again later: nothing changes, alerts included.
            var redelivered = new SimulatedHost();
            foreach (var m in messages) redelivered.Deliver(m);
            foreach (var m in messages) redelivered.Deliver(m, messages[^1].CreatedAt + Duration.FromHours(1));
            redelivered.RunAll();
            MentionPipelineTests.AssertSameKpis(clean.Kpis, redelivered.Kpis, includingAlerts: true);

            // All late, shuffled and twice: the measured times agree (alerts legitimately reflect what was known when).
            var rng = new Random(shuffleSeed);
            var shuffled = messages.Concat(messages).OrderBy(_ => rng.Next()).ToList();
            var messy = new SimulatedHost();
            var arrival = messages[^1].CreatedAt + Duration.FromMinutes(1);
            foreach (var m in shuffled) messy.Deliver(m, arrival);
            messy.RunAll();
            MentionPipelineTests.AssertSameKpis(clean.Kpis, messy.Kpis, includingAlerts: false);
            return true;
        });
    }

    [Property(MaxTest = 150)]
    public Property Prop_AReplyChainDeliveredInAnyOrderIsOneCase()
    {
        // A chain customer → brand → customer → … where each message replies to the one before.
        var gaps = Gen.Choose(0, 180).ListOf().Where(l => l.Count is > 0 and < 9);
        return Prop.ForAll(gaps.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (steps, seed) =>
        {
            var minute = 0;
            var chain = steps.Select((gap, i) =>
            {
                minute += gap;
                var parent = i == 0 ? null : (i - 1).ToString();
                return i % 2 == 0 ? Customer(i.ToString(), minute, parent) : Reply(i.ToString(), minute, parent);
            }).ToList();

            var clean = new SimulatedHost();
            foreach (var m in chain) clean.Deliver(m);
            clean.RunAll();

            var rng = new Random(seed);
            var messy = new SimulatedHost();
            foreach (var m in chain.OrderBy(_ => rng.Next())) messy.Deliver(m, chain[^1].CreatedAt + Duration.FromMinutes(1));
            messy.RunAll();

            MentionPipelineTests.AssertSameKpis(clean.Kpis, messy.Kpis, includingAlerts: false);
            return messy.Kpis.CasesOpened == 1;
        });
    }
}
