using NodaTime;
using SocialSla.Core.Pulls;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Tests.Storage.Tables;

public class PullCursorTableEntityTests
{
    [Fact]
    public void A_record_round_trips_with_every_member()
    {
        var record = new PullSourceRecord(
            new PullCursor { SinceId = "1897000000000000004", NextToken = "b26v89c19zqg8o3f", HighWater = Instant.FromUtc(2026, 11, 22, 10, 0), SeenIds = ["a", "b"] },
            ConsecutiveFailures: 3, NextAttempt: Instant.FromUtc(2026, 11, 22, 10, 5), LastSuccess: Instant.FromUtc(2026, 11, 22, 9, 0), LastError: "HTTP 503");
        var properties = PullCursorTableEntity.ToProperties("x-search", record);
        Assert.IsType<string>(properties["Cursor"]);
        Assert.Equal(3, Assert.IsType<int>(properties["ConsecutiveFailures"]));
        Assert.IsType<DateTimeOffset>(properties["NextAttempt"]);
        var back = PullCursorTableEntity.ToRecord(KpiTableEntityTests.Nullable(properties));
        Assert.Equal(record.Cursor.ToJson(), back.Cursor.ToJson());
        Assert.Equal(record with { Cursor = back.Cursor }, back);
    }

    [Fact]
    public void No_entity_is_a_source_never_read() => Assert.Same(PullSourceRecord.New, PullCursorTableEntity.ToRecord(null));

    [Fact]
    public void Source_names_become_escaped_row_keys_in_one_partition()
    {
        Assert.Equal(new TableEntityAddress("pull", "forum"), PullCursorTableEntity.AddressOf("forum"));
        Assert.Equal(new TableEntityAddress("pull", "a%2Fb%23"), PullCursorTableEntity.AddressOf("a/b#"));
    }

    [Fact]
    public void An_oversized_cursor_drops_its_oldest_seen_ids_to_fit()
    {
        var seen = Enumerable.Range(0, PullCursor.MaxSeenIds).Select(i => $"{i:D4}" + new string('x', 300)).ToList();
        var cursor = new PullCursor { ETag = "\"v1\"", SeenIds = seen };
        Assert.True(cursor.ToJson().Length > TableLimits.MaxStringChars);
        var properties = PullCursorTableEntity.ToProperties("forum", new PullSourceRecord(cursor));
        var back = PullCursorTableEntity.ToRecord(KpiTableEntityTests.Nullable(properties));
        Assert.InRange(((string)properties["Cursor"]).Length, 1, TableLimits.MaxStringChars);
        Assert.Equal("\"v1\"", back.Cursor.ETag);
        Assert.NotEmpty(back.Cursor.SeenIds);
        Assert.Equal(seen.Take(back.Cursor.SeenIds.Count), back.Cursor.SeenIds);
    }

    [Fact]
    public void A_cursor_that_cannot_fit_is_refused()
    {
        var cursor = new PullCursor { NextToken = new string('t', TableLimits.MaxStringChars) };
        Assert.Throws<TableLimitException>(() => PullCursorTableEntity.ToProperties("x", new PullSourceRecord(cursor)));
    }

    [Fact]
    public void Long_errors_are_cut_and_bad_cursors_are_format_errors()
    {
        var properties = PullCursorTableEntity.ToProperties("x", new PullSourceRecord(PullCursor.Empty, LastError: new string('e', 5000)));
        Assert.Equal(PullCursorTableEntity.MaxErrorChars, ((string)properties["LastError"]).Length);
        var bad = KpiTableEntityTests.Nullable(properties);
        bad["Cursor"] = "[1]";
        Assert.Throws<FormatException>(() => PullCursorTableEntity.ToRecord(bad));
    }
}
