using System.Text;
using SocialSla.Core.Kpis;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Tests.Storage.Tables;

public class TableEntityJsonTests
{
    [Fact]
    public void Every_edm_type_is_written_with_its_annotation_and_read_back()
    {
        var guid = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        var properties = new Dictionary<string, object>
        {
            ["S"] = "text 'quoted'",
            ["I64"] = long.MaxValue,
            ["Neg"] = -5L,
            ["I32"] = 42,
            ["D"] = 2.0,
            ["Nan"] = double.NaN,
            ["B"] = true,
            ["T"] = new DateTimeOffset(2026, 11, 22, 10, 15, 0, 123, TimeSpan.FromHours(1)),
            ["G"] = guid,
            ["Bin"] = new byte[] { 1, 2, 255 },
        };
        var json = TableEntityJson.ToUtf8("p", "r", properties);
        var text = Encoding.UTF8.GetString(json);
        Assert.Contains("\"I64\":\"9223372036854775807\",\"I64@odata.type\":\"Edm.Int64\"", text);
        Assert.Contains("\"D\":2,\"D@odata.type\":\"Edm.Double\"", text);
        Assert.Contains("\"Nan\":\"NaN\",\"Nan@odata.type\":\"Edm.Double\"", text);
        Assert.Contains("\"T\":\"2026-11-22T09:15:00.1230000Z\",\"T@odata.type\":\"Edm.DateTime\"", text);
        Assert.Contains("\"Bin\":\"AQL/\",\"Bin@odata.type\":\"Edm.Binary\"", text);
        Assert.Contains("\"I32\":42,", text);
        var back = Assert.Single(TableEntityJson.ReadResponse(json)).Properties;
        Assert.Equal(long.MaxValue, back["I64"]);
        Assert.Equal(-5L, back["Neg"]);
        Assert.Equal(42, back["I32"]);
        Assert.Equal(2.0, back["D"]);
        Assert.True(double.IsNaN((double)back["Nan"]!));
        Assert.Equal(true, back["B"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 15, 0, 123, TimeSpan.Zero), back["T"]);
        Assert.Equal(guid, back["G"]);
        Assert.Equal(new byte[] { 1, 2, 255 }, back["Bin"]);
        Assert.Equal("text 'quoted'", back["S"]);
    }

    [Fact]
    public void Unannotated_values_read_as_minimal_metadata_says()
    {
        var json = """
            {"value":[{"odata.etag":"W/\"datetime'2026-11-22T10%3A00%3A00.1Z'\"","PartitionKey":"p","RowKey":"r",
              "Timestamp":"2026-11-22T10:00:00.1Z","Small":7,"Big":9007199254740993,"Real":1.5,"Text":"x","Flag":false}]}
            """u8;
        var entity = Assert.Single(TableEntityJson.ReadResponse(json));
        Assert.Equal("W/\"datetime'2026-11-22T10%3A00%3A00.1Z'\"", entity.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, 100, TimeSpan.Zero), entity.Timestamp);
        Assert.Equal(7, entity.Properties["Small"]);
        Assert.Equal(9007199254740993L, entity.Properties["Big"]);
        Assert.Equal(1.5, entity.Properties["Real"]);
        Assert.Equal(false, entity.Properties["Flag"]);
        Assert.False(entity.Properties.ContainsKey("Timestamp"));
    }

    [Fact]
    public void Bad_annotated_values_are_format_errors_naming_the_property()
    {
        var error = Assert.Throws<FormatException>(() => TableEntityJson.ReadResponse(
            """{"PartitionKey":"p","RowKey":"r","N":"twelve","N@odata.type":"Edm.Int64"}"""u8));
        Assert.Contains("'N'", error.Message);
        Assert.Throws<FormatException>(() => TableEntityJson.ReadResponse("""{"PartitionKey":"p","RowKey":"r","N":"1","N@odata.type":"Edm.Decimal"}"""u8));
        Assert.Throws<FormatException>(() => TableEntityJson.ReadResponse("""{"RowKey":"r"}"""u8));
        Assert.Throws<FormatException>(() => TableEntityJson.ReadResponse("""not json"""u8));
    }

    [Fact]
    public void Unmappable_values_are_refused() =>
        Assert.Throws<ArgumentException>(() => TableEntityJson.ToUtf8("p", "r", new Dictionary<string, object> { ["X"] = 1.5m }));

    [Fact]
    public void Quoting_doubles_single_quotes() => Assert.Equal("'it''s'", TableEntityJson.Quote("it's"));

    [Fact]
    public void Sizes_follow_the_service_formula()
    {
        var properties = new Dictionary<string, object> { ["A"] = 1L, ["Bb"] = "xyz", ["C"] = new byte[10], ["D"] = 1, ["E"] = true };
        // 4 + 2·(1+1) + (8+2+8) + (8+4+4+6) + (8+2+4+10) + (8+2+4) + (8+2+1)
        Assert.Equal(4 + 4 + 18 + 22 + 24 + 14 + 11, TableEntitySize.Of("p", "r", properties));
    }

    [Fact]
    public void Limits_are_checked_before_anything_is_written()
    {
        var many = Enumerable.Range(0, 253).ToDictionary(i => "P" + i, i => (object)1L);
        Assert.Contains("253 properties", Assert.Throws<TableLimitException>(() => TableEntitySize.Check("p", "r", many)).Message);
        var longText = new Dictionary<string, object> { ["S"] = new string('x', TableLimits.MaxStringChars + 1) };
        Assert.Contains("64 KiB", Assert.Throws<TableLimitException>(() => TableEntitySize.Check("p", "r", longText)).Message);
        var bigBinary = new Dictionary<string, object> { ["B"] = new byte[TableLimits.MaxBinaryBytes + 1] };
        Assert.Throws<TableLimitException>(() => TableEntitySize.Check("p", "r", bigBinary));
        var huge = Enumerable.Range(0, 20).ToDictionary(i => "B" + i, i => (object)new byte[TableLimits.MaxBinaryBytes]);
        Assert.Contains("1 MiB", Assert.Throws<TableLimitException>(() => TableEntitySize.Check("p", "r", huge)).Message);
        TableEntitySize.Check("p", "r", Enumerable.Range(0, 252).ToDictionary(i => "P" + i, i => (object)1L));
    }

    [Fact]
    public void Sketches_round_trip_with_zero_and_negative_counts()
    {
        var sketch = new QuantileSketch();
        sketch.Add(0);
        sketch.Add(0.0001);
        sketch.Add(1.5, 3);
        sketch.Add(86_400);
        sketch.Add(1e9, -2);
        var back = SketchCodec.Decode(SketchCodec.Encode(sketch));
        Assert.Equal(sketch.Buckets(), back.Buckets());
        Assert.Equal(sketch.Count, back.Count);
        Assert.Equal(new byte[] { 1, 0 }, SketchCodec.Encode(new QuantileSketch()));
        Assert.Throws<FormatException>(() => SketchCodec.Decode([2, 0]));
        Assert.Throws<FormatException>(() => SketchCodec.Decode([1, 0, 4]));
        Assert.Throws<FormatException>(() => SketchCodec.Decode([1, 0x80]));
    }

    [Fact]
    public void The_widest_sketch_of_seconds_fits_one_property()
    {
        var sketch = new QuantileSketch();
        for (var seconds = 0.001; seconds < 30 * 86_400; seconds *= 1.004) sketch.Add(seconds, 1_000_000);
        Assert.InRange(SketchCodec.Encode(sketch).Length, 1, 16 * 1024);
    }
}
