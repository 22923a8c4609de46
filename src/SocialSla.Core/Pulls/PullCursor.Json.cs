using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace SocialSla.Core.Pulls;

public sealed partial record PullCursor
{
    /// <summary>Writes the cursor as one compact JSON object; members that are unset are left out.</summary>
    /// <remarks>Example: <c>{"sinceId":"1897000000000000004"}</c>. <see cref="TryParse"/> reads it back to an equal cursor.</remarks>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            Write(w, "etag", ETag);
            Write(w, "lastModified", LastModified);
            Write(w, "sinceId", SinceId);
            Write(w, "nextToken", NextToken);
            Write(w, "pendingNewestId", PendingNewestId);
            Write(w, "after", After);
            Write(w, "pageToken", PageToken);
            Write(w, "highWater", HighWater);
            Write(w, "pendingHighWater", PendingHighWater);
            Write(w, "newestId", NewestId);
            if (SeenIds.Count > 0)
            {
                w.WriteStartArray("seen");
                foreach (var id in SeenIds) w.WriteStringValue(id);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Reads a cursor written by <see cref="ToJson"/>; <see langword="null"/> or empty text is <see cref="Empty"/>.</summary>
    /// <param name="text">The stored text.</param>
    /// <param name="cursor">The cursor, when the text is valid.</param>
    /// <param name="error">Why the text is not a cursor, when it is not.</param>
    /// <returns><see langword="true"/> when the text is a cursor.</returns>
    /// <remarks>Unknown members are ignored, so older readers accept newer cursors.</remarks>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PullCursor? cursor, [NotNullWhen(false)] out string? error)
    {
        cursor = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            cursor = Empty;
            return true;
        }
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The stored cursor is not a JSON object.";
                return false;
            }
            var seen = new List<string>();
            if (root.TryGetProperty("seen", out var seenElement))
            {
                if (seenElement.ValueKind != JsonValueKind.Array)
                {
                    error = "The stored cursor's 'seen' is not an array.";
                    return false;
                }
                foreach (var item in seenElement.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String) { error = "The stored cursor's 'seen' holds a non-string."; return false; }
                    if (seen.Count < MaxSeenIds) seen.Add(item.GetString()!);
                }
            }
            if (!TryInstant(root, "highWater", out var highWater, out var instantError) ||
                !TryInstant(root, "pendingHighWater", out var pendingHighWater, out instantError))
            {
                error = instantError ?? "The stored cursor has an invalid instant.";
                return false;
            }
            cursor = new PullCursor
            {
                ETag = Str(root, "etag"),
                LastModified = Str(root, "lastModified"),
                SinceId = Str(root, "sinceId"),
                NextToken = Str(root, "nextToken"),
                PendingNewestId = Str(root, "pendingNewestId"),
                After = Str(root, "after"),
                PageToken = Str(root, "pageToken"),
                HighWater = highWater,
                PendingHighWater = pendingHighWater,
                NewestId = Str(root, "newestId"),
                SeenIds = seen,
            };
            return true;
        }
        catch (JsonException ex)
        {
            error = $"The stored cursor is not valid JSON: {ex.Message}";
            return false;
        }
        catch (InvalidOperationException)
        {
            error = "The stored cursor has a member of the wrong JSON type.";
            return false;
        }
    }

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static bool TryInstant(JsonElement root, string name, out Instant? instant, out string? error)
    {
        instant = null;
        error = null;
        var text = Str(root, name);
        if (text is null) return true;
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (!parsed.Success)
        {
            error = $"The stored cursor's '{name}' is not an ISO-8601 instant.";
            return false;
        }
        instant = parsed.Value;
        return true;
    }

    private static void Write(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void Write(Utf8JsonWriter w, string name, Instant? value)
    {
        if (value is { } v) w.WriteString(name, InstantPattern.ExtendedIso.Format(v));
    }
}
