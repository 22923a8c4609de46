using NodaTime;
using SocialSla.Core.Pulls;

namespace SocialSla.Core.Storage.Tables;

/// <summary>Where a pulled source stands, as Functions keep it between timer runs: its cursor and its back-off.</summary>
/// <param name="Cursor">The source's cursor.</param>
/// <param name="ConsecutiveFailures">Runs that failed since the last success.</param>
/// <param name="NextAttempt">When the source is next due (<see langword="null"/>: at once).</param>
/// <param name="LastSuccess">When a run last succeeded.</param>
/// <param name="LastError">Why the last run failed, when it did.</param>
public sealed record PullSourceRecord(PullCursor Cursor, int ConsecutiveFailures = 0, Instant? NextAttempt = null,
    Instant? LastSuccess = null, string? LastError = null)
{
    /// <summary>A source never read.</summary>
    public static PullSourceRecord New { get; } = new(PullCursor.Empty);
}

/// <summary>A pulled source's <see cref="PullSourceRecord"/> as a Table storage entity.</summary>
/// <remarks>
/// <para>Keys: partition <c>pull</c>, row the source's name (escaped by <see cref="TableKeys.Escape"/>), so one query
/// lists every source. Properties: <c>Source</c> (Edm.String), <c>Cursor</c> (Edm.String, <see cref="PullCursor.ToJson"/>),
/// <c>ConsecutiveFailures</c> (Edm.Int32), <c>NextAttempt</c> and <c>LastSuccess</c> (Edm.DateTime, when set) and
/// <c>LastError</c> (Edm.String, at most <see cref="MaxErrorChars"/> characters).</para>
/// <para>The cursor's JSON must fit one string property (32 K characters). It normally takes a few kilobytes (at most
/// <see cref="PullCursor.MaxSeenIds"/> seen ids); should it not fit, the oldest seen ids are dropped until it does: they
/// only spare the pipeline's own dedupe some work. A cursor that cannot fit even without them is refused with
/// <see cref="TableLimitException"/>.</para>
/// <para>The adapter writes the record with the ETag it read (two runs of one source cannot both move its cursor).</para>
/// </remarks>
public static class PullCursorTableEntity
{
    /// <summary>The partition every cursor lives in.</summary>
    public const string Partition = "pull";

    /// <summary>The longest <c>LastError</c> kept.</summary>
    public const int MaxErrorChars = 1024;

    /// <summary>Property names.</summary>
    public const string SourceProperty = "Source", CursorProperty = "Cursor", FailuresProperty = "ConsecutiveFailures",
        NextAttemptProperty = "NextAttempt", LastSuccessProperty = "LastSuccess", LastErrorProperty = "LastError";

    /// <summary>The entity of a source.</summary>
    public static TableEntityAddress AddressOf(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var rowKey = TableKeys.Escape(source);
        TableKeys.CheckKey(rowKey, "RowKey");
        return new(Partition, rowKey);
    }

    /// <summary>The entity properties of a source's record.</summary>
    /// <exception cref="TableLimitException">The record cannot fit one entity.</exception>
    public static Dictionary<string, object> ToProperties(string source, PullSourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var address = AddressOf(source);
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [SourceProperty] = source,
            [CursorProperty] = FittingJson(record.Cursor),
            [FailuresProperty] = record.ConsecutiveFailures,
        };
        if (record.NextAttempt is { } next) properties[NextAttemptProperty] = next.ToDateTimeOffset();
        if (record.LastSuccess is { } success) properties[LastSuccessProperty] = success.ToDateTimeOffset();
        if (record.LastError is { } error) properties[LastErrorProperty] = error.Length <= MaxErrorChars ? error : error[..MaxErrorChars];
        TableEntitySize.Check(address.PartitionKey, address.RowKey, properties);
        return properties;
    }

    /// <summary>Reads a record back; no entity (<see langword="null"/>) is a source never read.</summary>
    /// <exception cref="FormatException">The entity is not a cursor entity.</exception>
    public static PullSourceRecord ToRecord(IReadOnlyDictionary<string, object?>? properties)
    {
        if (properties is null) return PullSourceRecord.New;
        var text = properties.TryGetValue(CursorProperty, out var cursorValue) ? cursorValue as string : null;
        if (cursorValue is not null and not string) throw new FormatException($"The property '{CursorProperty}' is not an Edm.String.");
        if (!PullCursor.TryParse(text, out var cursor, out var error)) throw new FormatException(error);
        return new PullSourceRecord(
            cursor,
            properties.TryGetValue(FailuresProperty, out var failures) ? failures switch
            {
                null => 0,
                int i => i,
                long l => checked((int)l),
                _ => throw new FormatException($"The property '{FailuresProperty}' is not an Edm.Int32."),
            } : 0,
            Time(properties, NextAttemptProperty),
            Time(properties, LastSuccessProperty),
            properties.TryGetValue(LastErrorProperty, out var last) ? last as string : null);
    }

    private static string FittingJson(PullCursor cursor)
    {
        var json = cursor.ToJson();
        if (json.Length <= TableLimits.MaxStringChars) return json;
        var keep = cursor.SeenIds.Count;
        while (keep > 0)
        {
            keep /= 2;
            json = (cursor with { SeenIds = [.. cursor.SeenIds.Take(keep)] }).ToJson();
            if (json.Length <= TableLimits.MaxStringChars) return json;
        }
        throw new TableLimitException($"The cursor takes {json.Length} characters without its seen ids; a Table string holds at most {TableLimits.MaxStringChars}.");
    }

    private static Instant? Time(IReadOnlyDictionary<string, object?> properties, string name) =>
        properties.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            DateTimeOffset t => Instant.FromDateTimeOffset(t),
            DateTime d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => throw new FormatException($"The property '{name}' is not an Edm.DateTime."),
        } : null;
}
