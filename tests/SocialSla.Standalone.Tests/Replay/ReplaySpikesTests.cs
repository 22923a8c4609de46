using System.Globalization;
using System.Text;
using System.Text.Json;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Replay;

/// <summary>Issue #6 item 4 end to end in <c>socialsla replay</c>: an export of three weeks of a realistic day curve
/// with noise and a fourth week with a 5× burst goes through the command on its simulated clock; the report names one
/// spike, started within two minutes of the burst and resolved after it, with its baseline and current rate.</summary>
public sealed class ReplaySpikesTests
{
    // A Monday.
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BurstStart = Start.AddDays(23).AddHours(15).AddMinutes(7); // week 4, Wednesday 15:07
    private static readonly DateTimeOffset BurstEnd = BurstStart.AddMinutes(25);
    // Week 4, Tuesday 14:00-15:00: every customer mention delivered three times (a platform's redeliveries).
    private static readonly DateTimeOffset RedeliveredHour = Start.AddDays(22).AddHours(14);

    /// <summary>Mentions per minute: under 1 at night to about 5 in the afternoon, a third lower at weekends.</summary>
    private static double DayCurve(DateTimeOffset minute)
    {
        var hour = minute.Hour + minute.Minute / 60.0;
        var daily = (8 + 6 * Math.Sin((hour - 9) / 24 * 2 * Math.PI)) / 3;
        return Math.Max(0.2, daily * (minute.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.65 : 1));
    }

    private static string Export(bool burst)
    {
        var random = new Random(17);
        var lines = new StringBuilder();
        var n = 0;
        for (var minute = Start; minute < Start.AddDays(25); minute = minute.AddMinutes(1))
        {
            var rate = DayCurve(minute) * (burst && minute >= BurstStart && minute < BurstEnd ? 5 : 1);
            var count = Poisson(random, rate);
            for (var i = 0; i < count; i++)
            {
                var at = minute.AddMilliseconds(random.Next(60_000));
                var id = "t" + n++;
                var line = Line(id, at, fromBrand: false);
                lines.Append(line).Append('\n');
                if (minute >= RedeliveredHour && minute < RedeliveredHour.AddHours(1)) lines.Append(line).Append('\n').Append(line).Append('\n');
                // The brand answers some of them: its replies are not the customers' volume.
                if (i % 2 == 0) lines.Append(Line("r" + id, at.AddSeconds(30), fromBrand: true, parent: id)).Append('\n');
            }
        }
        return lines.ToString();
    }

    private static string Line(string id, DateTimeOffset at, bool fromBrand, string? parent = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["platform"] = "x", ["account"] = "ContosoCoffee", ["channel"] = "mention", ["parentId"] = parent,
            ["author"] = new Dictionary<string, object?> { ["id"] = fromBrand ? "1500000000000000001" : "4" + id.GetHashCode(StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture).TrimStart('-'), ["handle"] = fromBrand ? "ContosoCoffee" : "c" + id },
            ["fromBrand"] = fromBrand, ["text"] = fromBrand ? "sorry, looking into it" : "my order is late",
            ["createdAt"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        });

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

    [Fact]
    public void Replay_FiveFoldBurstInWeekFour_ReportsOneSpikeWithinTwoMinutesResolvedAfter()
    {
        using var files = new TempFiles();
        var report = CliRunner.ReplayJson(files.Write("burst.jsonl", Export(burst: true)), "--format", "jsonl");

        var spikes = report.GetProperty("spikes");
        var alerts = spikes.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(["started", "resolved"], alerts.Select(a => a.GetProperty("status").GetString()));
        Assert.All(alerts, a => Assert.Equal("volumeSpike", a.GetProperty("kind").GetString()));
        var raisedAt = DateTimeOffset.Parse(alerts[0].GetProperty("raisedAt").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(raisedAt, BurstStart, BurstStart.AddMinutes(2));
        var resolvedAt = DateTimeOffset.Parse(alerts[1].GetProperty("resolvedAt").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(resolvedAt, BurstEnd, BurstEnd.AddMinutes(15));
        var usual = DayCurve(BurstStart);
        Assert.InRange(alerts[0].GetProperty("baselinePerMinute").GetDouble(), usual * 0.6, usual * 1.4);
        Assert.True(alerts[0].GetProperty("currentPerMinute").GetDouble() >= 2.5 * usual);

        var stream = Assert.Single(spikes.GetProperty("streams").EnumerateArray());
        Assert.Equal("x:ContosoCoffee", stream.GetProperty("account").GetString());
        Assert.False(stream.GetProperty("volumeSpike").GetBoolean());

        var (exit, text, _) = CliRunner.Run("replay", files.Folder + "/burst.jsonl", "--format", "jsonl");
        Assert.Equal(0, exit);
        Assert.Contains("Spikes       1 over 1 account channels (1 volume, 0 negative share)", text);
        Assert.Contains("x:ContosoCoffee mention volume " + alerts[0].GetProperty("startedAt").GetString() + " to " + alerts[1].GetProperty("resolvedAt").GetString(), text);
    }

    [Fact]
    public void Replay_NormalDailyVariationWithRedeliveriesAndReplies_ReportsNoSpike()
    {
        using var files = new TempFiles();
        var report = CliRunner.ReplayJson(files.Write("normal.jsonl", Export(burst: false)), "--format", "jsonl");
        Assert.True(report.GetProperty("input").GetProperty("duplicates").GetInt64() > 100);
        Assert.Empty(report.GetProperty("spikes").GetProperty("alerts").EnumerateArray());
    }
}
