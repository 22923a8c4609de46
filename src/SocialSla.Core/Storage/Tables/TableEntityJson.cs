using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SocialSla.Core.Storage.Tables;

/// <summary>An entity as the Table service's REST API carries it: keys, properties (CLR values as
/// <see cref="TableEntitySize"/> lists them), and the ETag and timestamp the service returned.</summary>
/// <param name="PartitionKey">The partition key.</param>
/// <param name="RowKey">The row key.</param>
/// <param name="Properties">The caller's properties (no keys, no timestamp).</param>
/// <param name="ETag">The <c>odata.etag</c> the service returned, or <see langword="null"/>.</param>
/// <param name="Timestamp">The service's <c>Timestamp</c>, or <see langword="null"/>.</param>
public sealed record TableEntityData(string PartitionKey, string RowKey, IReadOnlyDictionary<string, object?> Properties,
    string? ETag = null, DateTimeOffset? Timestamp = null);

/// <summary>The JSON wire form of Table entities (OData JSON, <c>application/json;odata=…metadata</c>).</summary>
/// <remarks>
/// <para>Writing annotates every type JSON cannot carry unambiguously: <c>"Name@odata.type":"Edm.Int64"</c> with the
/// value as a decimal string, Edm.Double (as a number, or <c>"NaN"</c>/<c>"Infinity"</c>/<c>"-Infinity"</c>),
/// Edm.DateTime (ISO 8601 UTC with seven fraction digits), Edm.Binary (base64) and Edm.Guid. Strings, Booleans and
/// Edm.Int32 go unannotated.</para>
/// <para>Reading honours the annotations and, where a property has none (minimal metadata), takes a string as
/// Edm.String, an integral number as Edm.Int32 (Edm.Int64 beyond its range) and any other number as Edm.Double.</para>
/// </remarks>
public static class TableEntityJson
{
    /// <summary>Writes an entity's keys and properties as one JSON object, the body of an insert or update.</summary>
    /// <exception cref="ArgumentException">A value has a type no EDM type maps to.</exception>
    public static void Write(Utf8JsonWriter writer, string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(properties);
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", partitionKey);
        writer.WriteString("RowKey", rowKey);
        foreach (var (name, value) in properties) WriteProperty(writer, name, value);
        writer.WriteEndObject();
    }

    /// <summary>The body of an insert or update as UTF-8 bytes.</summary>
    public static byte[] ToUtf8(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, partitionKey, rowKey, properties);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one entity object (a GET of one entity, or an item of a query's <c>value</c> array).</summary>
    /// <exception cref="FormatException">The element is not an entity, or an annotated value does not parse.</exception>
    public static TableEntityData Read(JsonElement entity)
    {
        if (entity.ValueKind != JsonValueKind.Object) throw new FormatException("A Table entity is a JSON object.");
        string? partitionKey = null, rowKey = null, etag = null;
        DateTimeOffset? timestamp = null;
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entity.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag") { etag = property.Value.GetString(); continue; }
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal)) continue;
            entity.TryGetProperty(name + "@odata.type", out var typeElement);
            var type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
            switch (name)
            {
                case "PartitionKey": partitionKey = property.Value.GetString(); continue;
                case "RowKey": rowKey = property.Value.GetString(); continue;
                case "Timestamp": timestamp = ParseDateTime(property.Value.GetString(), name); continue;
            }
            properties[name] = ReadValue(name, property.Value, type);
        }
        if (partitionKey is null || rowKey is null) throw new FormatException("A Table entity has no PartitionKey or RowKey.");
        return new TableEntityData(partitionKey, rowKey, properties, etag, timestamp);
    }

    /// <summary>Reads the entities of a query response (<c>{"value":[…]}</c>) or one entity.</summary>
    /// <exception cref="FormatException">The text is not a Table response.</exception>
    public static IReadOnlyList<TableEntityData> ReadResponse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var items) && items.ValueKind == JsonValueKind.Array)
                return [.. items.EnumerateArray().Select(Read)];
            return [Read(root)];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"Not a Table response: {e.Message}", e);
        }
    }

    /// <summary>The EDM type name of a CLR value (<c>Edm.Int64</c> for <see cref="long"/>, …).</summary>
    /// <exception cref="ArgumentException">The value has a type no EDM type maps to.</exception>
    public static string EdmTypeOf(object value) => value switch
    {
        string => "Edm.String",
        long => "Edm.Int64",
        int => "Edm.Int32",
        double => "Edm.Double",
        bool => "Edm.Boolean",
        DateTimeOffset => "Edm.DateTime",
        Guid => "Edm.Guid",
        byte[] => "Edm.Binary",
        _ => throw new ArgumentException($"No EDM type maps to {value?.GetType().Name ?? "null"}.", nameof(value)),
    };

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s: writer.WriteString(name, s); return;
            case bool b: writer.WriteBoolean(name, b); return;
            case int i: writer.WriteNumber(name, i); return;
            case long l: writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture)); break;
            case double d when double.IsNaN(d): writer.WriteString(name, "NaN"); break;
            case double d when double.IsPositiveInfinity(d): writer.WriteString(name, "Infinity"); break;
            case double d when double.IsNegativeInfinity(d): writer.WriteString(name, "-Infinity"); break;
            case double d: writer.WriteNumber(name, d); break;
            case DateTimeOffset t: writer.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)); break;
            case Guid g: writer.WriteString(name, g.ToString("D")); break;
            case byte[] bytes: writer.WriteBase64String(name, bytes); break;
            default: throw new ArgumentException($"The property '{name}' has a value of type {value?.GetType().Name ?? "null"}, which no EDM type maps to.", nameof(value));
        }
        writer.WriteString(name + "@odata.type", EdmTypeOf(value));
    }

    private static object? ReadValue(string name, JsonElement value, string? type)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (type is not (null or "Edm.Int64" or "Edm.Int32" or "Edm.Double" or "Edm.DateTime" or "Edm.Binary" or "Edm.Guid" or "Edm.Boolean" or "Edm.String"))
            throw new FormatException($"The property '{name}' has the unknown type '{type}'.");
        try
        {
            switch (type)
            {
                case "Edm.Int64":
                    return value.ValueKind == JsonValueKind.String
                        ? long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                        : value.GetInt64();
                case "Edm.Int32": return value.GetInt32();
                case "Edm.Double":
                    return value.ValueKind == JsonValueKind.String
                        ? value.GetString() switch
                        {
                            "NaN" => double.NaN,
                            "Infinity" or "INF" => double.PositiveInfinity,
                            "-Infinity" or "-INF" => double.NegativeInfinity,
                            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
                        }
                        : value.GetDouble();
                case "Edm.DateTime": return ParseDateTime(value.GetString(), name);
                case "Edm.Binary": return Convert.FromBase64String(value.GetString()!);
                case "Edm.Guid": return Guid.Parse(value.GetString()!);
                case "Edm.Boolean": return value.GetBoolean();
                case "Edm.String": return value.GetString();
            }
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when IsIntegral(value) && value.TryGetInt32(out var i) => i,
                JsonValueKind.Number when IsIntegral(value) && value.TryGetInt64(out var l) => l,
                JsonValueKind.Number => value.GetDouble(),
                _ => throw new FormatException($"The property '{name}' is a JSON {value.ValueKind}, which no EDM type is."),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or OverflowException or ArgumentException or FormatException)
        {
            throw new FormatException($"The property '{name}' is not a valid {type ?? "value"}: {e.Message}", e);
        }
    }

    private static bool IsIntegral(JsonElement number)
    {
        var raw = number.GetRawText();
        return raw.IndexOfAny(['.', 'e', 'E']) < 0;
    }

    private static DateTimeOffset ParseDateTime(string? text, string name)
    {
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            throw new FormatException($"The property '{name}' is not an Edm.DateTime: '{text}'.");
        return value;
    }

    /// <summary>Quotes a key or string for an OData filter or an entity address (<c>'it''s'</c>).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new StringBuilder(value.Length + 2).Append('\'').Append(value.Replace("'", "''", StringComparison.Ordinal)).Append('\'').ToString();
    }
}
