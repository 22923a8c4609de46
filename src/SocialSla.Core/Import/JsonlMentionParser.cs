using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Import;

/// <summary>Parses one line of the JSONL mention format (one JSON object per line) into a <see cref="Mention"/>.</summary>
/// <remarks>
/// <para>Example (one line):</para>
/// <code>
/// {"id":"1789","platform":"x","account":"ContosoCoffee","channel":"mention","parentId":"1788","threadKey":null,
///  "author":{"id":"200334","handle":"alice","followers":120,"verified":false},"fromBrand":false,
///  "text":"@ContosoCoffee my order is late","createdAt":"2026-11-22T10:15:00Z","receivedAt":"2026-11-22T10:15:02Z",
///  "verb":"add","actionable":true,"priority":"normal","url":"https://x.com/alice/status/1789"}
/// </code>
/// <para>Required properties:</para>
/// <list type="bullet">
/// <item><c>id</c>: the platform's message id, a non-empty string or a non-negative integer.</item>
/// <item><c>platform</c>: <c>x</c>, <c>facebook</c>, <c>messenger</c>, <c>instagram</c>, <c>reddit</c>, <c>youtube</c>, <c>rss</c> or <c>generic</c>.</item>
/// <item><c>account</c>: the brand account that received (or wrote) the message, a non-empty string.</item>
/// <item><c>author.id</c>: the author's id, a non-empty string or a non-negative integer.</item>
/// <item><c>fromBrand</c>: <c>true</c> when the brand wrote the message.</item>
/// <item><c>createdAt</c>: an ISO-8601 instant with <c>Z</c> or an offset, e.g. <c>2026-11-22T10:15:00Z</c> or <c>2026-11-22T11:15:00+01:00</c>.</item>
/// </list>
/// <para>Optional properties (default): <c>channel</c> (<c>mention</c>; also <c>dm</c>, <c>public_comment</c>,
/// <c>review</c>, <c>post</c>), <c>parentId</c> (null; a string or integer id on the same platform), <c>threadKey</c>
/// (null), <c>author.handle</c> (null), <c>author.followers</c> (null; a non-negative integer), <c>author.verified</c>
/// (false), <c>text</c> (empty), <c>receivedAt</c> (the time the caller passes, or for file imports
/// <see cref="ImportOptions.ReceivedAt"/> and else <c>createdAt</c>), <c>verb</c> (<c>add</c>; also <c>edit</c>,
/// <c>delete</c>), <c>actionable</c> (true), <c>priority</c> (<c>normal</c>; also <c>low</c>, <c>high</c>,
/// <c>urgent</c>), <c>url</c> (null). An optional property may be <c>null</c>, which means its default.</para>
/// <para>Property names are case-sensitive; enum values are not. Unknown properties are ignored. A property given
/// twice, a wrong JSON type, an unknown enum value or a missing required property is an error naming the property.
/// A line longer than <see cref="MaxLineBytes"/> bytes or nesting deeper than <see cref="MaxDepth"/> levels is
/// rejected. A leading UTF-8 byte order mark is ignored.</para>
/// <para>Thread-safe; uses <see cref="Utf8JsonReader"/> only (no reflection), so it is trimming and AOT friendly.</para>
/// </remarks>
public static partial class JsonlMentionParser
{
    /// <summary>The longest accepted line, in UTF-8 bytes (1 MiB).</summary>
    public const int MaxLineBytes = 1024 * 1024;

    /// <summary>The deepest accepted nesting of JSON objects and arrays (the mention itself is level 1).</summary>
    public const int MaxDepth = 8;

    /// <summary>Parses one line of the JSONL mention format.</summary>
    /// <param name="utf8Line">The line's UTF-8 bytes, without the line break.</param>
    /// <param name="receivedAt">The arrival time to use when the line has no <c>receivedAt</c>.</param>
    /// <param name="mention">The parsed message, when the line is valid.</param>
    /// <param name="error">One sentence saying why the line is invalid, when it is.</param>
    /// <returns><see langword="true"/> when the line is a valid mention.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Line, Instant receivedAt,
        [NotNullWhen(true)] out Mention? mention, [NotNullWhen(false)] out string? error) =>
        TryParse(utf8Line, receivedAt, keepText: true, pool: null, out mention, out error);

    /// <summary>Parses one line; <paramref name="receivedAt"/> null means "use createdAt", and <paramref name="pool"/> shares repeated account, author and handle strings.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> utf8Line, Instant? receivedAt, bool keepText, StringPool? pool,
        [NotNullWhen(true)] out Mention? mention, [NotNullWhen(false)] out string? error)
    {
        mention = null;
        if (utf8Line.Length > MaxLineBytes)
        {
            error = $"The line is longer than {MaxLineBytes} bytes.";
            return false;
        }
        if (utf8Line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8Line = utf8Line[3..];
        if (utf8Line.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']) < 0)
        {
            error = "The line holds no JSON value.";
            return false;
        }

        var reader = new Utf8JsonReader(utf8Line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var fields = new Fields();
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = $"The line holds {Describe(reader.TokenType)}, not a JSON object.";
                return false;
            }
            error = ReadObject(ref reader, ref fields, pool);
            if (error is null && reader.Read()) error = "The line holds more than one JSON value.";
        }
        catch (JsonException ex)
        {
            error = $"The line is not valid JSON: {ex.Message}";
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader reports a string that cannot be transcoded this way.
            error = "The line holds a string that is not valid UTF-8.";
        }
        if (error is not null) return false;

        error = fields.Missing();
        if (error is not null) return false;

        var platform = fields.Platform!.Value;
        mention = new Mention
        {
            Id = new MentionId(platform, fields.Id!),
            Channel = fields.Channel ?? Channel.Mention,
            Account = new PlatformAccountId(platform, fields.Account!),
            ParentId = fields.ParentId is null ? null : new MentionId(platform, fields.ParentId),
            ThreadKey = fields.ThreadKey,
            Author = new Author(fields.AuthorId!, fields.Handle, fields.Followers, fields.Verified ?? false),
            FromBrand = fields.FromBrand!.Value,
            Text = keepText ? fields.Text ?? "" : "",
            CreatedAt = fields.CreatedAt!.Value,
            ReceivedAt = fields.ReceivedAt ?? receivedAt ?? fields.CreatedAt.Value,
            Verb = fields.Verb ?? MentionVerb.Add,
            Actionable = fields.Actionable ?? true,
            Priority = fields.Priority ?? Priority.Normal,
            Url = fields.Url,
        };
        return true;
    }

    private static string? ReadObject(ref Utf8JsonReader reader, ref Fields f, StringPool? pool)
    {
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject) return null;
            // reader is on a property name.
            var field = FieldOf(ref reader, inAuthor: false);
            if (field != Field.Unknown && !f.MarkSeen(field)) return $"Property '{Name(field)}' appears twice.";
            reader.Read();
            var error = field switch
            {
                Field.Id => ReadId(ref reader, "id", allowNull: false, out f.Id),
                Field.Platform => ReadEnum(ref reader, "platform", allowNull: false, TryParsePlatform, PlatformList, out f.Platform),
                Field.Account => ReadString(ref reader, "account", required: true, pool, out f.Account),
                Field.Channel => ReadEnum(ref reader, "channel", allowNull: true, TryParseChannel, ChannelList, out f.Channel),
                Field.ParentId => ReadId(ref reader, "parentId", allowNull: true, out f.ParentId),
                Field.ThreadKey => ReadString(ref reader, "threadKey", required: false, pool: null, out f.ThreadKey),
                Field.Author => ReadAuthor(ref reader, ref f, pool),
                Field.FromBrand => ReadBool(ref reader, "fromBrand", allowNull: false, out f.FromBrand),
                Field.Text => ReadString(ref reader, "text", required: false, pool: null, out f.Text, allowEmpty: true),
                Field.CreatedAt => ReadInstant(ref reader, "createdAt", allowNull: false, out f.CreatedAt),
                Field.ReceivedAt => ReadInstant(ref reader, "receivedAt", allowNull: true, out f.ReceivedAt),
                Field.Verb => ReadEnum(ref reader, "verb", allowNull: true, TryParseVerb, VerbList, out f.Verb),
                Field.Actionable => ReadBool(ref reader, "actionable", allowNull: true, out f.Actionable),
                Field.Priority => ReadEnum(ref reader, "priority", allowNull: true, TryParsePriority, PriorityList, out f.Priority),
                Field.Url => ReadString(ref reader, "url", required: false, pool: null, out f.Url),
                _ => SkipValue(ref reader),
            };
            if (error is not null) return error;
        }
    }

    private static string? ReadAuthor(ref Utf8JsonReader reader, ref Fields f, StringPool? pool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return $"author must be an object, not {Describe(reader.TokenType)}.";
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject) return null;
            var field = FieldOf(ref reader, inAuthor: true);
            if (field != Field.Unknown && !f.MarkSeen(field)) return $"Property '{Name(field)}' appears twice.";
            reader.Read();
            var error = field switch
            {
                Field.AuthorId => ReadId(ref reader, "author.id", allowNull: false, out f.AuthorId, pool),
                Field.Handle => ReadString(ref reader, "author.handle", required: false, pool, out f.Handle),
                Field.Followers => ReadCount(ref reader, "author.followers", out f.Followers),
                Field.Verified => ReadBool(ref reader, "author.verified", allowNull: true, out f.Verified),
                _ => SkipValue(ref reader),
            };
            if (error is not null) return error;
        }
    }

    private static Field FieldOf(ref Utf8JsonReader reader, bool inAuthor)
    {
        if (inAuthor)
        {
            if (reader.ValueTextEquals("id"u8)) return Field.AuthorId;
            if (reader.ValueTextEquals("handle"u8)) return Field.Handle;
            if (reader.ValueTextEquals("followers"u8)) return Field.Followers;
            if (reader.ValueTextEquals("verified"u8)) return Field.Verified;
            return Field.Unknown;
        }
        if (reader.ValueTextEquals("id"u8)) return Field.Id;
        if (reader.ValueTextEquals("platform"u8)) return Field.Platform;
        if (reader.ValueTextEquals("account"u8)) return Field.Account;
        if (reader.ValueTextEquals("channel"u8)) return Field.Channel;
        if (reader.ValueTextEquals("parentId"u8)) return Field.ParentId;
        if (reader.ValueTextEquals("threadKey"u8)) return Field.ThreadKey;
        if (reader.ValueTextEquals("author"u8)) return Field.Author;
        if (reader.ValueTextEquals("fromBrand"u8)) return Field.FromBrand;
        if (reader.ValueTextEquals("text"u8)) return Field.Text;
        if (reader.ValueTextEquals("createdAt"u8)) return Field.CreatedAt;
        if (reader.ValueTextEquals("receivedAt"u8)) return Field.ReceivedAt;
        if (reader.ValueTextEquals("verb"u8)) return Field.Verb;
        if (reader.ValueTextEquals("actionable"u8)) return Field.Actionable;
        if (reader.ValueTextEquals("priority"u8)) return Field.Priority;
        if (reader.ValueTextEquals("url"u8)) return Field.Url;
        return Field.Unknown;
    }

    /// <summary>Skips an ignored value, rejecting nesting deeper than <see cref="MaxDepth"/>.</summary>
    private static string? SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return null;
        var depth = reader.CurrentDepth;
        do
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                && reader.CurrentDepth + 1 > MaxDepth)
                return $"The JSON nests deeper than {MaxDepth} levels.";
            reader.Read();
        }
        while (reader.CurrentDepth > depth);
        return null;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "no value",
    };
}
