using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Spikes;
using SocialSla.Standalone.Replay;

namespace SocialSla.Standalone.Tests.Replay;

/// <summary>Replay detects spikes per stream in parallel; the result must be what one <see cref="SpikeMonitor"/> fed
/// every counted mention in time order gives (the definition, written out here as the reference): the same alerts in
/// the same order, with the same rates, and the same final snapshots.</summary>
public sealed class ReplaySpikesParallelTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 0, 0); // a Monday
    private static readonly SpikeOptions Options = SpikeOptions.Default;

    [Property(MaxTest = 25)]
    public Property Parallel_EqualsOneMonitorInTimeOrder() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (seed, workers) =>
        {
            var (mentions, marks) = Traffic(seed);
            var expected = OneMonitor(mentions, marks);
            var actual = ReplaySpikes.Run(mentions, marks, Options, workers);
            Assert.Equal(expected.EvaluatedAt, actual.EvaluatedAt);
            Assert.Equal(expected.Alerts, actual.Alerts);
            Assert.Equal(expected.Streams, actual.Streams);
        });

    [Fact]
    public void Parallel_TrafficWithBursts_RaisesAlertsInSeveralStreamsInTheSameOrder()
    {
        var (mentions, marks) = Traffic(seed: 7);
        var expected = OneMonitor(mentions, marks);
        var actual = ReplaySpikes.Run(mentions, marks, Options, workers: 2);

        // The comparison means something only if alerts of several streams, starts and ends, interleave, some of them
        // raised at the same instant.
        Assert.True(expected.Alerts.Select(a => a.Id.Stream).Distinct().Count() >= 2);
        Assert.Contains(expected.Alerts.GroupBy(a => a.RaisedAt), g => g.Select(a => a.Id.Stream).Distinct().Count() >= 2);
        Assert.Contains(expected.Alerts, a => a.ResolvedAt is not null);
        Assert.Equal(expected.Alerts, actual.Alerts);
        Assert.Equal(expected.Streams, actual.Streams);
    }

    [Fact]
    public void Parallel_NothingCounted_NoAlertsAndNoStreams()
    {
        var (mentions, marks) = Traffic(seed: 3);
        Array.Clear(marks);

        var result = ReplaySpikes.Run(mentions, marks, Options, workers: 2);

        Assert.Empty(result.Alerts);
        Assert.Null(result.EvaluatedAt);
        Assert.Empty(result.Streams);
    }

    /// <summary>The definition: every counted mention in creation order (input order among equal instants) through one
    /// monitor, advanced to a mention's instant whenever its minute is a new one, and to the end of the last minute.</summary>
    private static ReplaySpikes OneMonitor(IReadOnlyList<Mention> mentions, byte[] marks)
    {
        var order = Enumerable.Range(0, mentions.Count).Where(i => marks[i] != ReplaySpikes.NotCounted)
            .OrderBy(i => mentions[i].CreatedAt).ThenBy(i => i).ToList();
        var monitor = new SpikeMonitor(Options);
        var alerts = new List<SpikeAlert>();
        Instant? minute = null;
        foreach (var i in order)
        {
            var at = mentions[i].CreatedAt;
            var startOfMinute = Instant.FromUnixTimeTicks(at.ToUnixTimeTicks() / NodaConstants.TicksPerMinute * NodaConstants.TicksPerMinute);
            if (startOfMinute != minute)
            {
                alerts.AddRange(monitor.Advance(at));
                minute = startOfMinute;
            }
            monitor.Observe(new SpikeStream(mentions[i].Account, mentions[i].Channel), at, marks[i] == ReplaySpikes.CountedNegative);
        }
        if (minute is not { } last) return new ReplaySpikes(alerts, null, []);
        var end = last + Duration.FromMinutes(1);
        alerts.AddRange(monitor.Advance(end));
        return new ReplaySpikes(alerts, end, monitor.Snapshots(end));
    }

    /// <summary>Two to five streams over three weeks: a day curve, each stream with its own volume, silent days, a 6×
    /// burst, an outage's burst of 15 a minute in every other stream at once, and a negative burst in the last week; instants to the second (ties), input order shuffled locally, a
    /// fifth of the mentions not counted.</summary>
    private static (List<Mention> Mentions, byte[] Marks) Traffic(int seed)
    {
        var random = new Random(seed);
        var streamCount = random.Next(2, 6);
        var accounts = new[] { "ContosoCoffee", "NorthwindTelco", "TailspinToys" };
        var channels = new[] { Channel.Mention, Channel.Dm };
        var mentions = new List<(Instant At, Mention Mention, byte Mark)>();
        // An outage hits every stream at once: their alerts then come out of the same advance.
        var outageAt = 14 * 24 * 60 + random.Next(0, 7 * 24 * 60 - 60);
        for (var s = 0; s < streamCount; s++)
        {
            var account = new PlatformAccountId(Platform.X, accounts[s % accounts.Length]);
            var channel = channels[s / accounts.Length % channels.Length];
            var scale = 0.2 + random.NextDouble() * 2;
            var silentDay = random.Next(0, 21);
            var burstAt = 14 * 24 * 60 + random.Next(0, 7 * 24 * 60 - 60);
            var hitByOutage = s % 2 == 0;
            var negativeAt = 14 * 24 * 60 + random.Next(0, 7 * 24 * 60 - 60);
            for (var m = 0; m < 21 * 24 * 60; m++)
            {
                if (m / (24 * 60) == silentDay) continue;
                var hour = m % (24 * 60) / 60.0;
                var rate = scale * Math.Max(0.1, 1 + Math.Sin((hour - 9) / 24 * 2 * Math.PI)) * (m >= burstAt && m < burstAt + 20 ? 6 : 1)
                    + (hitByOutage && m >= outageAt && m < outageAt + 20 ? 15 : 0);
                var negativeShare = m >= negativeAt && m < negativeAt + 30 ? 0.9 : 0.15;
                for (var n = Poisson(random, rate); n > 0; n--)
                {
                    var at = Start + Duration.FromMinutes(m) + Duration.FromSeconds(random.Next(60));
                    var mark = random.NextDouble() < 0.2 ? ReplaySpikes.NotCounted
                        : random.NextDouble() < negativeShare ? ReplaySpikes.CountedNegative : ReplaySpikes.Counted;
                    var mention = new Mention
                    {
                        Id = new MentionId(Platform.X, $"{s}-{m}-{n}"), Channel = channel, Account = account,
                        Author = new Author("9" + n), FromBrand = false, CreatedAt = at, ReceivedAt = at,
                    };
                    mentions.Add((at, mention, mark));
                }
            }
        }
        // Time order across streams, then local disorder: an export is mostly but not wholly in time order.
        mentions.Sort((a, b) => a.At.CompareTo(b.At));
        for (var i = 0; i + 1 < mentions.Count; i++)
            if (random.Next(10) == 0) (mentions[i], mentions[i + 1]) = (mentions[i + 1], mentions[i]);
        return ([.. mentions.Select(x => x.Mention)], [.. mentions.Select(x => x.Mark)]);
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }
}
