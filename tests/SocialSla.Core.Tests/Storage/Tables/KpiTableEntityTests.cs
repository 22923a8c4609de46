using System.Text;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Tests.Storage.Tables;

public class KpiTableEntityTests
{
    internal static readonly PlatformAccountId Account = new(Platform.X, "ContosoCoffee");
    internal static readonly KpiKey Key = new(Account, Channel.Dm, Priority.High, Instant.FromUtc(2026, 11, 22, 10, 0));

    internal static KpiDelta Answered(double firstReplyMinutes, params double[] responseMinutes) => new()
    {
        Mentions = 2,
        CustomerMessages = 1,
        Actionable = 1,
        BrandMessages = 1,
        After = new CaseKpiContribution
        {
            Opened = true,
            Answered = true,
            FirstReply = Duration.FromSeconds(firstReplyMinutes * 60),
            Responses = [.. responseMinutes.Select(m => Duration.FromSeconds(m * 60))],
        },
        Alerts = new[] { new AlertKey(ClockKind.FirstReply, 1, ThresholdLevel.Warning) },
    };

    internal static KpiAggregate Of(params KpiDelta[] deltas)
    {
        var aggregate = new KpiAggregate();
        foreach (var delta in deltas) aggregate.Apply(delta);
        return aggregate;
    }

    [Fact]
    public void Keys_partition_by_account_and_day_and_row_by_hour_channel_priority()
    {
        var address = KpiTableEntity.AddressOf(Key);
        Assert.Equal("x:ContosoCoffee|day|2026-11-22", address.PartitionKey);
        Assert.Equal("10|dm|high", address.RowKey);
        Assert.Equal(Key, KpiTableEntity.KeyOf(address.PartitionKey, address.RowKey));
    }

    [Fact]
    public void Account_names_with_characters_keys_refuse_are_escaped_and_read_back()
    {
        var odd = new KpiKey(new PlatformAccountId(Platform.Rss, "forum.example.com/a|b#c?d%e\\f"), Channel.Post, Priority.Low, Instant.FromUtc(2026, 1, 2, 23, 0));
        var address = KpiTableEntity.AddressOf(odd);
        Assert.Equal("rss:forum.example.com%2Fa%7Cb%23c%3Fd%25e%5Cf|day|2026-01-02", address.PartitionKey);
        TableKeys.CheckKey(address.PartitionKey, "PartitionKey");
        Assert.Equal(odd, KpiTableEntity.KeyOf(address.PartitionKey, address.RowKey));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u0085b")]
    public void Keys_with_refused_characters_are_refused(string key) =>
        Assert.Throws<TableLimitException>(() => TableKeys.CheckKey(key, "RowKey"));

    [Fact]
    public void A_key_over_1024_characters_is_refused() =>
        Assert.Throws<TableLimitException>(() => TableKeys.CheckKey(new string('k', 1025), "PartitionKey"));

    [Fact]
    public void Properties_have_the_documented_names_and_edm_types()
    {
        var properties = KpiTableEntity.ToProperties(Key, Of(Answered(10, 5)));
        Assert.Equal("x:ContosoCoffee", properties["Account"]);
        Assert.Equal("dm", properties["Channel"]);
        Assert.Equal("high", properties["Priority"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), properties["Hour"]);
        Assert.Equal(1, Assert.IsType<int>(properties["SchemaVersion"]));
        Assert.Equal(2L, Assert.IsType<long>(properties["Mentions"]));
        Assert.Equal(1L, Assert.IsType<long>(properties["FirstReplyWithin15m"]));
        Assert.Equal(0L, Assert.IsType<long>(properties["CasesResolved"]));
        Assert.Equal(600.0, Assert.IsType<double>(properties["FirstReplySeconds"]));
        Assert.Equal(1L, Assert.IsType<long>(properties["AlertsFirstReplyWarning"]));
        Assert.Equal(0L, Assert.IsType<long>(properties["AlertsReplyWindowWindowClosing"]));
        Assert.IsType<byte[]>(properties["FirstReplySketch"]);
        Assert.IsType<byte[]>(properties["ResponseSketch"]);
        foreach (var name in KpiTableEntity.CounterNames) Assert.IsType<long>(properties[name]);
        foreach (var name in KpiTableEntity.SumNames) Assert.IsType<double>(properties[name]);
        Assert.Equal(5 + 17 + 16 + 3 + 2, properties.Count); // 17 counters since triage counts noise and sentiment (issue 5)
        Assert.True(properties.Count <= TableLimits.MaxUserProperties);
        Assert.All(properties.Keys, name => Assert.Matches("^[A-Z][A-Za-z0-9]*$", name));
    }

    [Fact]
    public void An_empty_aggregate_writes_zero_counters_and_no_sketch()
    {
        var properties = KpiTableEntity.ToProperties(Key, new KpiAggregate());
        Assert.Equal(0L, properties["Mentions"]);
        Assert.False(properties.ContainsKey("FirstReplySketch"));
        Assert.False(properties.ContainsKey("ResponseSketch"));
    }

    [Fact]
    public void An_aggregate_round_trips_through_properties()
    {
        var aggregate = Of(Answered(10, 5, 20), Answered(70), Answered(0.5, 1));
        aggregate.CasesResolved = 2;
        aggregate.ResolutionCount = 2;
        aggregate.ResolutionSeconds = 3600.25;
        var back = KpiTableEntity.ToAggregate(Nullable(KpiTableEntity.ToProperties(Key, aggregate)));
        AssertSame(aggregate, back);
    }

    [Fact]
    public void Merging_a_delta_into_nothing_writes_the_delta()
    {
        var delta = Of(Answered(10, 5));
        var merged = KpiTableEntity.Merge(null, Key, delta);
        AssertSame(delta, KpiTableEntity.ToAggregate(Nullable(merged)));
    }

    [Fact]
    public void Merging_adds_to_the_stored_entity_without_changing_its_arguments()
    {
        var stored = Nullable(KpiTableEntity.ToProperties(Key, Of(Answered(10, 5))));
        var snapshot = new Dictionary<string, object?>(stored);
        var delta = Of(Answered(70, 3));
        var merged = KpiTableEntity.Merge(stored, Key, delta);
        Assert.Equal(snapshot.Keys.Order(), stored.Keys.Order());
        Assert.Equal(2L, delta.Mentions);
        Assert.Equal(4L, merged["Mentions"]);
        Assert.Equal(2L, merged["FirstReplyCount"]);
        Assert.Equal(1L, merged["FirstReplyWithin15m"]);
        Assert.Equal(1L, merged["FirstReplyWithin1h"]);
        Assert.Equal(2L, merged["AlertsFirstReplyWarning"]);
        var back = KpiTableEntity.ToAggregate(Nullable(merged));
        Assert.Equal(2, back.FirstReplySketch!.Count);
        Assert.Equal(2, back.ResponseSketch!.Count);
        AssertSame(Of(Answered(10, 5), Answered(70, 3)), back);
    }

    [Fact]
    public void Merging_keeps_properties_the_mapping_does_not_own()
    {
        var stored = Nullable(KpiTableEntity.ToProperties(Key, Of(Answered(10))));
        stored["Note"] = "kept";
        stored["odata.etag"] = "W/\"x\"";
        var merged = KpiTableEntity.Merge(stored, Key, Of(Answered(5)));
        Assert.Equal("kept", merged["Note"]);
        Assert.False(merged.ContainsKey("odata.etag"));
    }

    [Fact]
    public void A_retracting_delta_takes_values_out_again()
    {
        var opened = new CaseKpiContribution { Opened = true, Answered = true, FirstReply = Duration.FromMinutes(10) };
        var stored = Nullable(KpiTableEntity.Merge(null, Key, Of(new KpiDelta { After = opened })));
        var retract = Of(new KpiDelta { Before = opened, After = opened with { FirstReply = Duration.FromMinutes(20) } });
        var back = KpiTableEntity.ToAggregate(Nullable(KpiTableEntity.Merge(stored, Key, retract)));
        Assert.Equal(1, back.FirstReplyCount);
        Assert.Equal(1200, back.FirstReplySeconds, 6);
        Assert.Equal(0, back.FirstReplyWithin15m);
        Assert.Equal(1, back.FirstReplySketch!.Count);
        Assert.Equal(1200, back.FirstReplySketch.Quantile(0.5)!.Value, 1200 * 0.01);
    }

    [Fact]
    public void Stored_values_of_the_wrong_type_are_a_clear_error()
    {
        var stored = Nullable(KpiTableEntity.ToProperties(Key, Of(Answered(10))));
        stored["Mentions"] = true;
        var error = Assert.Throws<FormatException>(() => KpiTableEntity.ToAggregate(stored));
        Assert.Contains("Mentions", error.Message);
    }

    [Fact]
    public void Int32_counters_from_other_writers_read_as_counts()
    {
        var stored = Nullable(KpiTableEntity.ToProperties(Key, new KpiAggregate()));
        stored["Mentions"] = 3;
        stored["FirstReplySeconds"] = 30L;
        var back = KpiTableEntity.ToAggregate(stored);
        Assert.Equal(3, back.Mentions);
        Assert.Equal(30, back.FirstReplySeconds);
    }

    [Fact]
    public void Coalescing_folds_commands_per_key_in_first_seen_order()
    {
        var other = Key with { Channel = Channel.Mention };
        var coalesced = KpiTableEntity.Coalesce([
            new RecordKpi(Key, Answered(10)),
            new RecordKpi(other, new KpiDelta { Mentions = 1, BrandMessages = 1 }),
            new RecordKpi(Key, Answered(20, 4)),
        ]);
        Assert.Equal([Key, other], coalesced.Select(c => c.Key));
        Assert.Equal(4, coalesced[0].Value.Mentions);
        Assert.Equal(2, coalesced[0].Value.FirstReplyCount);
        Assert.Equal(1, coalesced[1].Value.BrandMessages);
    }

    [Fact]
    public void A_sketch_wider_than_one_property_is_split_and_read_back()
    {
        var sketch = new QuantileSketch();
        for (var i = -60; i < 68_000; i++) sketch.Add(Math.Exp(i * 0.01002));
        var aggregate = new KpiAggregate { FirstReplyCount = sketch.Count };
        aggregate.FirstReplySketch = sketch;
        var properties = KpiTableEntity.ToProperties(Key, aggregate);
        var chunks = properties.Keys.Where(k => k.StartsWith("FirstReplySketch", StringComparison.Ordinal)).Order().ToList();
        Assert.True(chunks.Count >= 2, $"expected a split, got {string.Join(",", chunks)}");
        Assert.Equal("FirstReplySketch", chunks[0]);
        Assert.All(chunks, c => Assert.InRange(((byte[])properties[c]).Length, 1, TableLimits.MaxBinaryBytes));
        Assert.InRange(TableEntitySize.Of("p", "r", properties), 1, TableLimits.MaxEntityBytes);
        var back = KpiTableEntity.ToAggregate(Nullable(properties)).FirstReplySketch!;
        Assert.Equal(sketch.Count, back.Count);
        Assert.Equal(sketch.Buckets(), back.Buckets());
    }

    [Fact]
    public void The_entity_with_every_value_set_stays_far_inside_the_limits()
    {
        var aggregate = Of(Answered(10, 5));
        for (var i = 0; i < 5000; i++) aggregate.Apply(Answered(0.01 + i * 0.3, i % 600));
        var properties = KpiTableEntity.ToProperties(Key, aggregate);
        Assert.InRange(TableEntitySize.Of("p", "r", properties), 1, 32 * 1024);
    }

    [Fact]
    public void The_wire_form_of_a_kpi_entity_annotates_int64_as_strings_and_reads_back()
    {
        var address = KpiTableEntity.AddressOf(Key);
        var json = TableEntityJson.ToUtf8(address.PartitionKey, address.RowKey, KpiTableEntity.ToProperties(Key, Of(Answered(10, 5))));
        var text = Encoding.UTF8.GetString(json);
        Assert.Contains("\"Mentions\":\"2\",\"Mentions@odata.type\":\"Edm.Int64\"", text);
        Assert.Contains("\"FirstReplySeconds\":600,\"FirstReplySeconds@odata.type\":\"Edm.Double\"", text);
        Assert.Contains("\"Hour\":\"2026-11-22T10:00:00.0000000Z\",\"Hour@odata.type\":\"Edm.DateTime\"", text);
        Assert.Contains("\"FirstReplySketch@odata.type\":\"Edm.Binary\"", text);
        Assert.Contains("\"SchemaVersion\":1,", text);
        Assert.DoesNotContain("SchemaVersion@odata.type", text);
        var entity = Assert.Single(TableEntityJson.ReadResponse(json));
        Assert.Equal(address.PartitionKey, entity.PartitionKey);
        Assert.IsType<long>(entity.Properties["Mentions"]);
        Assert.IsType<double>(entity.Properties["FirstReplySeconds"]);
        AssertSame(Of(Answered(10, 5)), KpiTableEntity.ToAggregate(entity.Properties));
    }

    internal static Dictionary<string, object?> Nullable(Dictionary<string, object> properties) =>
        properties.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);

    internal static void AssertSame(KpiAggregate expected, KpiAggregate actual)
    {
        var e = KpiTableEntity.ToProperties(Key, expected);
        var a = KpiTableEntity.ToProperties(Key, actual);
        Assert.Equal(e.Keys.Order(), a.Keys.Order());
        foreach (var (name, value) in e)
        {
            if (value is double d) Assert.Equal(d, (double)a[name], 9);
            else Assert.Equal(value, a[name]);
        }
    }
}
