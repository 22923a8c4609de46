using System.Globalization;
using FsCheck.Xunit;
using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Standalone.Generate;

namespace SocialSla.Standalone.Tests.Generate;

public sealed partial class TrafficGeneratorTests
{
    private static readonly Lazy<List<Mention>> Twcs100k =
        new(() => TrafficGenerator.Generate(new GenerateOptions(100_000, 21, GenerateFormat.Twcs, Start)).ToList());

    [Fact]
    public void Generate_HundredThousandMessages_SpanAboutTwoDays()
    {
        var openings = Twcs100k.Value.Where(m => m.ParentId is null).Select(m => m.CreatedAt).ToList();

        var span = openings.Max() - openings.Min();

        // 10^6 messages should span a few weeks, so 10^5 span a couple of days.
        Assert.InRange(span, Duration.FromHours(36), Duration.FromHours(72));
        Assert.True(openings.Min() >= Start);
    }

    [Fact]
    public void Generate_VolumeFollowsTheTimeOfDay()
    {
        var openings = Twcs100k.Value.Where(m => m.ParentId is null).Select(m => m.CreatedAt.InUtc().Hour).ToList();

        var afternoon = openings.Count(h => h is >= 14 and < 20);
        var night = openings.Count(h => h is >= 3 and < 9);

        Assert.True(afternoon > 2.5 * night, $"afternoon {afternoon}, night {night}");
    }

    [Fact]
    public void Generate_BrandsDifferInResponsiveness()
    {
        var mentions = Twcs100k.Value;
        var byId = new Dictionary<string, Mention>();
        foreach (var m in mentions) byId.TryAdd(m.Id.ExternalId, m);
        var firstReplies = byId.Values
            .Where(m => m.FromBrand && m.ParentId is { } p && byId[p.ExternalId].ParentId is null)
            .GroupBy(m => m.ParentId!.Value.ExternalId)
            .Select(g => (Brand: g.First().Author.Id, Delay: g.Min(m => m.CreatedAt) - byId[g.Key].CreatedAt))
            .GroupBy(x => x.Brand)
            .Where(g => g.Count() >= 200)
            .Select(g => g.Select(x => x.Delay).Order().ElementAt(g.Count() / 2))
            .ToList();

        Assert.True(firstReplies.Count >= 12);
        Assert.InRange(firstReplies.Min(), Duration.FromMinutes(2), Duration.FromMinutes(12));
        Assert.InRange(firstReplies.Max(), Duration.FromHours(2), Duration.FromHours(9));
    }

    [Fact]
    public void Generate_ReplyDelaysHaveAHeavyTail()
    {
        var byId = new Dictionary<string, Mention>();
        foreach (var m in Twcs100k.Value) byId.TryAdd(m.Id.ExternalId, m);
        var delays = byId.Values.Where(m => m.FromBrand && m.ParentId is not null)
            .Select(m => (m.CreatedAt - byId[m.ParentId!.Value.ExternalId].CreatedAt).TotalMinutes).Order().ToList();

        Assert.True(delays[delays.Count / 2] < 120, "most replies come within a couple of hours");
        Assert.Contains(delays, d => d > 2 * 24 * 60);
    }

    [Fact]
    public void Generate_SomeCustomersReturn()
    {
        var openingsPerCustomer = Twcs100k.Value.Where(m => m.ParentId is null)
            .GroupBy(m => m.Author.Id).Select(g => g.Select(m => m.Id).Distinct().Count()).ToList();

        var returning = openingsPerCustomer.Count(n => n > 1) / (double)openingsPerCustomer.Count;

        Assert.InRange(returning, 0.05, 0.35);
    }

    [Property(MaxTest = 60)]
    public void Prop_AnyCountGivesExactlyThatManyConsistentRows(byte count, int seed)
    {
        var messages = count * 3;
        var rows = ParseTwcs(Render(new GenerateOptions(messages, seed, GenerateFormat.Twcs, Start)));

        Assert.Equal(messages, rows.Count);
        var unique = Unique(rows);
        var replies = unique.Values.Where(r => r.InResponseTo is not null).ToLookup(r => r.InResponseTo!);
        foreach (var row in unique.Values)
        {
            if (row.InResponseTo is { } parent) Assert.True(unique.ContainsKey(parent));
            Assert.Equal(replies[row.TweetId].Select(r => r.TweetId).Order(), row.ResponseIds.Order());
        }
    }

    [Property(MaxTest = 30)]
    public void Prop_JsonlCountIsExact(byte count, int seed)
    {
        var text = Render(new GenerateOptions(count, seed, GenerateFormat.Jsonl, Start));

        Assert.Equal(count, text.Count(c => c == '\n'));
        Assert.Equal(count, TrafficGenerator.Generate(new GenerateOptions(count, seed, GenerateFormat.Jsonl, Start)).Count());
    }
}
