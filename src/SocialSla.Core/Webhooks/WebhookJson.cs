using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace SocialSla.Core.Webhooks;

/// <summary>Reads webhook bodies with <see cref="JsonDocument"/> under a depth limit, and reads typed members with
/// error sentences that name the member's path (e.g. <c>entry[0].messaging[0].message.mid is missing.</c>).</summary>
/// <remarks>Optional readers give <see langword="null"/> (or an undefined element) for an absent member or JSON
/// <c>null</c>, and fail only on a wrong type; required readers also fail on absence.</remarks>
internal static class WebhookJson
{
    /// <summary>The deepest accepted nesting of JSON objects and arrays.</summary>
    public const int MaxDepth = 64;

    // Epoch values at or above this are milliseconds (as seconds it would be the year 5138).
    private const long MillisecondsThreshold = 100_000_000_000;

    /// <summary>Parses one JSON object from the body; a leading byte order mark and surrounding white space are allowed.</summary>
    public static bool TryParseObject(ReadOnlySpan<byte> body, [NotNullWhen(true)] out JsonDocument? document,
        [NotNullWhen(false)] out string? error)
    {
        document = null;
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) body = body[3..];
        if (body.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']) < 0)
        {
            error = "The body is empty.";
            return false;
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            error = $"The body is not valid JSON: {ex.Message}";
            return false;
        }
        bool trailing;
        try
        {
            trailing = reader.Read();
        }
        catch (JsonException)
        {
            trailing = true;
        }
        if (trailing)
        {
            document.Dispose();
            document = null;
            error = "The body holds more than one JSON value.";
            return false;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            error = $"The body holds {Describe(document.RootElement.ValueKind)}, not a JSON object.";
            document.Dispose();
            document = null;
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Checks that an array item is an object.</summary>
    public static bool IsObject(JsonElement item, string path, [NotNullWhen(false)] out string? error)
    {
        error = item.ValueKind == JsonValueKind.Object ? null : WrongType(path, "an object", item);
        return error is null;
    }

    /// <summary>The sentence for a required member that is absent or null.</summary>
    public static string Missing(string path) => $"{path} is missing.";

    /// <summary>The sentence for a member of the wrong JSON type.</summary>
    public static string WrongType(string path, string expected, JsonElement actual) =>
        $"{path} must be {expected}, not {Describe(actual.ValueKind)}.";

    /// <summary>Joins a parent path and a member name.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Gets a member that is neither absent nor JSON null.</summary>
    public static bool Has(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>An optional object member; undefined when absent or null.</summary>
    public static bool TryObject(JsonElement obj, string name, string path, out JsonElement value, [NotNullWhen(false)] out string? error) =>
        TryKind(obj, name, path, JsonValueKind.Object, "an object", out value, out error);

    /// <summary>An optional array member; undefined when absent or null.</summary>
    public static bool TryArray(JsonElement obj, string name, string path, out JsonElement value, [NotNullWhen(false)] out string? error) =>
        TryKind(obj, name, path, JsonValueKind.Array, "an array", out value, out error);

    /// <summary>A required object member.</summary>
    public static bool RequiredObject(JsonElement obj, string name, string path, out JsonElement value, [NotNullWhen(false)] out string? error)
    {
        if (!TryObject(obj, name, path, out value, out error)) return false;
        return Present(value.ValueKind != JsonValueKind.Undefined, Join(path, name), out error);
    }

    /// <summary>A required array member.</summary>
    public static bool RequiredArray(JsonElement obj, string name, string path, out JsonElement value, [NotNullWhen(false)] out string? error)
    {
        if (!TryArray(obj, name, path, out value, out error)) return false;
        return Present(value.ValueKind != JsonValueKind.Undefined, Join(path, name), out error);
    }

    /// <summary>An optional string member.</summary>
    public static bool TryString(JsonElement obj, string name, string path, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!Has(obj, name, out var element)) return true;
        if (element.ValueKind != JsonValueKind.String)
        {
            error = WrongType(Join(path, name), "a string", element);
            return false;
        }
        value = element.GetString();
        return true;
    }

    /// <summary>A required string member (it may be empty).</summary>
    public static bool RequiredString(JsonElement obj, string name, string path, out string? value, [NotNullWhen(false)] out string? error) =>
        TryString(obj, name, path, out value, out error) && Present(value is not null, Join(path, name), out error);

    /// <summary>An optional id member: a non-empty string, or a non-negative integer (platforms send both).</summary>
    public static bool TryId(JsonElement obj, string name, string path, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!Has(obj, name, out var element)) return true;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (string.IsNullOrWhiteSpace(text))
                {
                    error = $"{Join(path, name)} is empty.";
                    return false;
                }
                value = text;
                return true;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (raw.AsSpan().ContainsAnyExceptInRange('0', '9'))
                {
                    error = $"{Join(path, name)} must be a string or a non-negative integer, not {raw}.";
                    return false;
                }
                value = raw;
                return true;
            default:
                error = WrongType(Join(path, name), "a string or an integer", element);
                return false;
        }
    }

    /// <summary>A required id member.</summary>
    public static bool RequiredId(JsonElement obj, string name, string path, out string? value, [NotNullWhen(false)] out string? error) =>
        TryId(obj, name, path, out value, out error) && Present(value is not null, Join(path, name), out error);

    /// <summary>An optional boolean member; the strings <c>true</c> and <c>false</c> are accepted too (X sends both).</summary>
    public static bool TryBool(JsonElement obj, string name, string path, out bool? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!Has(obj, name, out var element)) return true;
        switch (element.ValueKind)
        {
            case JsonValueKind.True: value = true; return true;
            case JsonValueKind.False: value = false; return true;
            case JsonValueKind.String when bool.TryParse(element.GetString(), out var parsed): value = parsed; return true;
            default:
                error = WrongType(Join(path, name), "a boolean", element);
                return false;
        }
    }

    /// <summary>An optional non-negative integer member, given as a number or as a string of digits.</summary>
    public static bool TryCount(JsonElement obj, string name, string path, out long? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!Has(obj, name, out var element)) return true;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number) && number >= 0)
        {
            value = number;
            return true;
        }
        if (element.ValueKind == JsonValueKind.String
            && long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            value = number;
            return true;
        }
        error = $"{Join(path, name)} must be a non-negative integer.";
        return false;
    }

    /// <summary>An optional time member: Unix seconds or milliseconds (a number or a string of digits; values of
    /// 10^11 and more are milliseconds), or an ISO-8601 instant with <c>Z</c> or an offset (<c>+00:00</c> or <c>+0000</c>).</summary>
    public static bool TryTime(JsonElement obj, string name, string path, out Instant? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!Has(obj, name, out var element)) return true;
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!;
            if (text.Length > 0 && !text.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) && TryEpoch(digits, out var fromDigits))
                {
                    value = fromDigits;
                    return true;
                }
            }
            else if (TryIso(text, out var iso))
            {
                value = iso;
                return true;
            }
        }
        else if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number) && TryEpoch(number, out var fromNumber))
        {
            value = fromNumber;
            return true;
        }
        error = $"{Join(path, name)} must be Unix seconds, Unix milliseconds or an ISO-8601 instant.";
        return false;
    }

    private static readonly OffsetDateTimePattern CompactOffset =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HHmm>");

    private static bool TryIso(string text, out Instant instant)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (!result.Success) result = CompactOffset.Parse(text);
        instant = result.Success ? result.Value.ToInstant() : default;
        return result.Success;
    }

    private static bool TryEpoch(long value, out Instant instant)
    {
        instant = default;
        if (value < 0 || value > 253_402_300_799_999) return false; // up to 9999-12-31 in milliseconds
        instant = value >= MillisecondsThreshold ? Instant.FromUnixTimeMilliseconds(value) : Instant.FromUnixTimeSeconds(value);
        return true;
    }

    private static bool TryKind(JsonElement obj, string name, string path, JsonValueKind kind, string expected,
        out JsonElement value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!Has(obj, name, out value))
        {
            value = default;
            return true;
        }
        if (value.ValueKind == kind) return true;
        error = WrongType(Join(path, name), expected, value);
        value = default;
        return false;
    }

    private static bool Present(bool present, string path, [NotNullWhen(false)] out string? error)
    {
        error = present ? null : Missing(path);
        return present;
    }

    /// <summary>Names a JSON value kind for error sentences.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "no value",
    };
}
