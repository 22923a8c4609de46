using System.Text.Json;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Replay;

/// <summary>The replay of the real dev conversations must agree with the KPIs an independent script computed.</summary>
public class ReplayDevConversationsTests
{
    private static readonly Lazy<(JsonElement Actual, JsonElement Expected)> Run = new(() =>
    {
        var actual = CliRunner.ReplayJson(SharedData.PathOf("care-conversations-dev.csv"), "--first-reply-target", "15m");
        using var expected = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("care-conversations-dev.expected.json")));
        return (actual, expected.RootElement.Clone());
    });

    private static JsonElement Actual => Run.Value.Actual;

    private static JsonElement Expected => Run.Value.Expected;

    [Theory]
    [InlineData("cases")]
    [InlineData("answered")]
    [InlineData("firstReply.count")]
    [InlineData("response.count")]
    public void Counts_AreExact(string path) =>
        Assert.Equal(Get(Expected, path).GetInt64(), Get(Actual, path).GetInt64());

    [Theory]
    [InlineData("responseRate")]
    [InlineData("firstReply.meanSeconds")]
    [InlineData("firstReply.within15m")]
    [InlineData("firstReply.within1h")]
    [InlineData("response.meanSeconds")]
    public void SharesAndMeans_AgreeToRounding(string path)
    {
        var expected = Get(Expected, path).GetDouble();
        Assert.InRange(Get(Actual, path).GetDouble(), expected - Math.Abs(expected) * 1e-9 - 1e-9, expected + Math.Abs(expected) * 1e-9 + 1e-9);
    }

    [Theory]
    [InlineData("firstReply.p50Seconds")]
    [InlineData("firstReply.p90Seconds")]
    public void Percentiles_AreWithinOnePercent(string path)
    {
        var expected = Get(Expected, path).GetDouble();
        Assert.InRange(Get(Actual, path).GetDouble(), expected * 0.99, expected * 1.01);
    }

    [Theory]
    [InlineData("warning")]
    [InlineData("atRisk")]
    [InlineData("breached")]
    public void FifteenMinuteFirstReplyAlerts_AreExact(string level) =>
        Assert.Equal(Expected.GetProperty("alerts15m").GetProperty(level).GetInt64(),
            Actual.GetProperty("alerts").GetProperty("firstReply").GetProperty(level).GetInt64());

    [Fact]
    public void EveryBrand_AgreesOnAnsweredAndWithin15m()
    {
        var brands = Actual.GetProperty("brands");
        var expectedBrands = Expected.GetProperty("brands").EnumerateObject().ToList();
        Assert.Equal(expectedBrands.Select(b => b.Name).Order(StringComparer.Ordinal), brands.EnumerateObject().Select(b => b.Name).Order(StringComparer.Ordinal));
        foreach (var brand in expectedBrands)
        {
            var actual = brands.GetProperty(brand.Name);
            Assert.True(brand.Value.GetProperty("answered").GetInt64() == actual.GetProperty("answered").GetInt64(), $"{brand.Name} answered");
            Assert.True(brand.Value.GetProperty("within15m").GetInt64() == actual.GetProperty("within15m").GetInt64(), $"{brand.Name} within15m");
        }
    }

    [Fact]
    public void Input_IsFullyReadWithoutSkipsOrDuplicates()
    {
        var input = Actual.GetProperty("input");
        Assert.Equal(1205, input.GetProperty("rows").GetInt64());
        Assert.Equal(0, input.GetProperty("skipped").GetInt64());
        Assert.Equal(0, input.GetProperty("duplicates").GetInt64());
    }

    private static JsonElement Get(JsonElement root, string path)
    {
        foreach (var part in path.Split('.')) root = root.GetProperty(part);
        return root;
    }
}
