using NodaTime;
using SocialSla.Core.Alerts;

namespace SocialSla.Core.Storage.Tables;

/// <summary>A raised alert and its acknowledgement as a Table storage entity, for hosts that keep alerts in Table
/// storage (the Functions app's <c>alerts</c> table, read by its alert API).</summary>
/// <remarks>
/// <para>Keys: partition <see cref="Partition"/>, row the alert id escaped (<see cref="TableKeys.Escape"/>; ids hold
/// <c>/</c>). Properties: <c>Alert</c> (Edm.String, <see cref="SlaAlertJson"/>), <c>Case</c> and <c>Account</c>
/// (Edm.String), <c>RaisedAt</c> (Edm.DateTime), and once acknowledged <c>AckedAt</c> (Edm.DateTime) and
/// <c>AckedBy</c> (Edm.String, at most <see cref="MaxAckedByChars"/> characters).</para>
/// <para>Alerts are few (at most a handful per case), so one partition holds them all.</para>
/// </remarks>
public static class AlertTableEntity
{
    /// <summary>The partition every alert lives in.</summary>
    public const string Partition = "alert";

    /// <summary>The longest <c>AckedBy</c> kept.</summary>
    public const int MaxAckedByChars = 256;

    /// <summary>Property names.</summary>
    public const string AlertProperty = "Alert", CaseProperty = "Case", AccountProperty = "Account", RaisedAtProperty = "RaisedAt",
        AckedAtProperty = "AckedAt", AckedByProperty = "AckedBy";

    /// <summary>The entity of an alert id (as its text).</summary>
    /// <exception cref="TableLimitException">The id makes no valid row key.</exception>
    public static TableEntityAddress AddressOf(string alertId)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        var row = TableKeys.Escape(alertId);
        TableKeys.CheckKey(row, "RowKey");
        return new(Partition, row);
    }

    /// <summary>The properties of a newly raised alert.</summary>
    public static Dictionary<string, object> ToProperties(SlaAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(StringComparer.Ordinal)
        {
            [AlertProperty] = System.Text.Encoding.UTF8.GetString(SlaAlertJson.ToUtf8(alert)),
            [CaseProperty] = alert.Case.Value,
            [AccountProperty] = alert.Account.ToString(),
            [RaisedAtProperty] = alert.RaisedAt.ToDateTimeOffset(),
        };
    }

    /// <summary>The properties after an acknowledgement: the first one is kept (acknowledging twice changes nothing).</summary>
    /// <returns>The new properties, or <see langword="null"/> when the alert was acknowledged already.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static Dictionary<string, object>? Acknowledge(IReadOnlyDictionary<string, object?> stored, string by, Instant now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(by);
        if (stored.TryGetValue(AckedAtProperty, out var acked) && acked is not null) return null;
        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in stored)
            if (value is not null) properties[name] = value;
        properties[AckedAtProperty] = now.ToDateTimeOffset();
        properties[AckedByProperty] = by.Length <= MaxAckedByChars ? by : by[..MaxAckedByChars];
        return properties;
    }

    /// <summary>When and by whom the alert was acknowledged, if it was.</summary>
    public static (Instant At, string By)? Acknowledgement(IReadOnlyDictionary<string, object?> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.TryGetValue(AckedAtProperty, out var at) || at is null) return null;
        var instant = at switch
        {
            DateTimeOffset t => Instant.FromDateTimeOffset(t),
            DateTime d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => throw new FormatException($"The property '{AckedAtProperty}' is not an Edm.DateTime."),
        };
        return (instant, stored.TryGetValue(AckedByProperty, out var by) && by is string name ? name : "");
    }

    /// <summary>Acknowledges an alert in its table: read, <see cref="Acknowledge"/>, replace with the ETag read, again
    /// from the read on a conflict.</summary>
    /// <returns>The acknowledgement in force (this one, or the first one when it was acknowledged already), or
    /// <see langword="null"/> when there is no such alert.</returns>
    /// <exception cref="TableConcurrencyException">The entity changed under each of <paramref name="maxAttempts"/> attempts.</exception>
    public static async Task<(Instant At, string By)?> AcknowledgeAsync(ITableEntityPort table, string alertId, string by, Instant now,
        int maxAttempts = OptimisticMerge.DefaultMaxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var address = AddressOf(alertId);
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            var stored = await table.GetAsync(address.PartitionKey, address.RowKey, cancellationToken).ConfigureAwait(false);
            if (stored is null) return null;
            var acknowledged = Acknowledge(stored.Properties, by, now);
            if (acknowledged is null) return Acknowledgement(stored.Properties);
            var etag = stored.ETag ?? throw new InvalidOperationException("The table returned an alert without an ETag.");
            if (await table.ReplaceAsync(address.PartitionKey, address.RowKey, acknowledged, etag, cancellationToken).ConfigureAwait(false) == TableWriteOutcome.Written)
                return (now, (string)acknowledged[AckedByProperty]);
        }
        throw new TableConcurrencyException($"Alert {alertId} changed under each of {maxAttempts} attempts to acknowledge it.");
    }
}
