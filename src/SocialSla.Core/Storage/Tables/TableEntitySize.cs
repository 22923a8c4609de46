namespace SocialSla.Core.Storage.Tables;

/// <summary>Checks a property dictionary against <see cref="TableLimits"/> and measures it as the Table service does.</summary>
/// <remarks>Property values follow the CLR types the Azure.Data.Tables SDK maps to EDM types: <see cref="string"/>
/// (Edm.String), <see cref="long"/> (Edm.Int64), <see cref="int"/> (Edm.Int32), <see cref="double"/> (Edm.Double),
/// <see cref="bool"/> (Edm.Boolean), <see cref="DateTimeOffset"/> (Edm.DateTime), <see cref="Guid"/> (Edm.Guid) and
/// <see cref="byte"/> arrays (Edm.Binary).</remarks>
public static class TableEntitySize
{
    /// <summary>The entity's size in bytes by the service's formula: 4 + 2 × key characters + for each property
    /// 8 + 2 × name characters + the value's size (string 4 + 2 × characters, binary 4 + bytes, Int64, Double and
    /// DateTime 8, Int32 4, Guid 16, Boolean 1).</summary>
    /// <exception cref="ArgumentException">A value has a type no EDM type maps to.</exception>
    public static long Of(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        ArgumentNullException.ThrowIfNull(properties);
        long size = 4 + 2L * (partitionKey.Length + rowKey.Length);
        foreach (var (name, value) in properties) size += 8 + 2L * name.Length + ValueSize(name, value);
        return size;
    }

    /// <summary>Throws when the entity breaks a limit: too many properties, a key, name, string or binary value too
    /// long, a key with a character the service refuses, or the whole entity over 1 MiB.</summary>
    /// <exception cref="TableLimitException">The entity breaks a limit; the message says which.</exception>
    public static void Check(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        TableKeys.CheckKey(partitionKey, "PartitionKey");
        TableKeys.CheckKey(rowKey, "RowKey");
        if (properties.Count > TableLimits.MaxUserProperties)
            throw new TableLimitException($"The entity has {properties.Count} properties; Table storage takes at most {TableLimits.MaxUserProperties}.");
        foreach (var (name, value) in properties)
        {
            if (name.Length is 0 or > TableLimits.MaxPropertyNameChars)
                throw new TableLimitException($"The property name '{name}' is empty or longer than {TableLimits.MaxPropertyNameChars} characters.");
            if (value is string text && text.Length > TableLimits.MaxStringChars)
                throw new TableLimitException($"The string property '{name}' has {text.Length} characters; Table storage takes at most {TableLimits.MaxStringChars} (64 KiB).");
            if (value is byte[] bytes && bytes.Length > TableLimits.MaxBinaryBytes)
                throw new TableLimitException($"The binary property '{name}' has {bytes.Length} bytes; Table storage takes at most {TableLimits.MaxBinaryBytes} (64 KiB).");
        }
        var size = Of(partitionKey, rowKey, properties);
        if (size > TableLimits.MaxEntityBytes)
            throw new TableLimitException($"The entity takes {size} bytes; Table storage takes at most {TableLimits.MaxEntityBytes} (1 MiB).");
    }

    private static long ValueSize(string name, object value) => value switch
    {
        string s => 4 + 2L * s.Length,
        byte[] b => 4 + b.Length,
        long or double or DateTimeOffset => 8,
        int => 4,
        bool => 1,
        Guid => 16,
        _ => throw new ArgumentException($"The property '{name}' has a value of type {value?.GetType().Name ?? "null"}, which no EDM type maps to.", nameof(value)),
    };
}
