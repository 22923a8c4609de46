namespace SocialSla.Core.Storage.Tables;

/// <summary>The limits of an Azure Table storage entity that the mappings in this namespace keep to.</summary>
/// <remarks>From the Table service data model: at most 255 properties including the three system properties
/// (<c>PartitionKey</c>, <c>RowKey</c>, <c>Timestamp</c>), so 252 of the caller's; keys of at most 1 KiB characters;
/// a string of at most 64 KiB (32 K UTF-16 characters); a binary value of at most 64 KiB; an entity of at most 1 MiB.</remarks>
public static class TableLimits
{
    /// <summary>Properties an entity may carry besides <c>PartitionKey</c>, <c>RowKey</c> and <c>Timestamp</c>.</summary>
    public const int MaxUserProperties = 252;

    /// <summary>The longest <c>PartitionKey</c> or <c>RowKey</c>, in characters.</summary>
    public const int MaxKeyChars = 1024;

    /// <summary>The longest string property, in UTF-16 characters (64 KiB).</summary>
    public const int MaxStringChars = 32 * 1024;

    /// <summary>The largest binary property, in bytes (64 KiB).</summary>
    public const int MaxBinaryBytes = 64 * 1024;

    /// <summary>The largest entity, in bytes, as the service counts them (see <see cref="TableEntitySize.Of"/>).</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>The longest property name, in characters.</summary>
    public const int MaxPropertyNameChars = 255;
}

/// <summary>An entity would break a limit of <see cref="TableLimits"/>; nothing was written.</summary>
public sealed class TableLimitException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public TableLimitException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TableLimitException() : base("A Table storage limit would be exceeded.")
    {
    }

    /// <summary>Creates the exception with the reason and the cause.</summary>
    public TableLimitException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
