using System.Globalization;
using System.Text.Json;

namespace SocialSla.Core.Pulls;

/// <summary>Lenient readers of optional JSON members; a member of an unexpected type reads as absent.</summary>
internal static class JsonFields
{
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>A string member, or a number member as its text; <see langword="null"/> when absent, null or another type.</summary>
    public static string? Str(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>An object member, or <see langword="null"/>.</summary>
    public static JsonElement? Obj(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value : null;

    /// <summary>The items of an array member; none when absent or not an array.</summary>
    public static IEnumerable<JsonElement> Arr(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray() : [];

    /// <summary>A number member, or <see langword="null"/>.</summary>
    public static double? Num(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => null,
            }
            : null;

    /// <summary>The root object, or a <see cref="JsonException"/> when the document is not an object.</summary>
    public static JsonElement RootObject(JsonDocument doc) =>
        doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement : throw new JsonException("The body is not a JSON object.");
}
