using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Spikes;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Spikes;

/// <summary>Synthetic mention streams for the spike monitor: Poisson arrivals per minute following a realistic day
/// curve (quiet at night, a peak in the afternoon) and a quieter weekend, driven minute by minute on a simulated clock.</summary>
internal static class SpikeStreams
{
    /// <summary>A Monday.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 0, 0);

    public static readonly PlatformAccountId Account = new(Platform.X, "ContosoCoffee");

    public static Instant Weeks(double weeks) => Start + Duration.FromHours(weeks * 168);

    /// <summary>Mentions per minute: 2 at night to about 14 in the afternoon, a third lower at weekends.</summary>
    public static double DayCurve(Instant minute)
    {
        var local = minute.InUtc();
        var hour = local.Hour + local.Minute / 60.0;
        var daily = 8 + 6 * Math.Sin((hour - 9) / 24 * 2 * Math.PI);
        var weekly = local.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? 0.65 : 1;
        return Math.Max(0.5, daily * weekly);
    }

    public static TriageResult Verdict(bool negative, bool noise = false) => new(
        noise ? NoiseReasons.LinkSpam : NoiseReasons.None, !noise, MessageIntents.None, Priority.Normal, PriorityReasons.None,
        new SentimentScore(negative ? -0.6f : 0.1f, negative ? SentimentLabel.Negative : SentimentLabel.Neutral), Language.En, [], "default");

    public static Mention Customer(Instant at, long n, Channel channel = Channel.Mention) => new()
    {
        Id = new MentionId(Platform.X, "m" + n),
        Channel = channel,
        Account = Account,
        Author = new Author("a" + (n % 5000)),
        FromBrand = false,
        CreatedAt = at,
        ReceivedAt = at,
    };

    public static int Poisson(Random random, double mean)
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

    /// <summary>Runs minutes [from, to): each minute's mentions, then the monitor advanced to the minute's end.</summary>
    public static List<SpikeAlert> Run(SpikeMonitor monitor, Random random, Instant from, Instant to, Func<Instant, double> rate,
        Func<Instant, double>? negativeShare = null, Action<Instant>? eachMinute = null)
    {
        var alerts = new List<SpikeAlert>();
        var n = 0L;
        for (var minute = from; minute < to; minute += Duration.FromMinutes(1))
        {
            var count = Poisson(random, rate(minute));
            for (var i = 0; i < count; i++)
            {
                var at = minute + Duration.FromMilliseconds(random.Next(60_000));
                var negative = random.NextDouble() < (negativeShare?.Invoke(minute) ?? 0.2);
                monitor.Observe(Customer(at, n++), Verdict(negative), at);
            }
            alerts.AddRange(monitor.Advance(minute + Duration.FromMinutes(1)));
            eachMinute?.Invoke(minute);
        }
        return alerts;
    }
}
