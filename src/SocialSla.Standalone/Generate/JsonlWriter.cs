using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SocialSla.Core.Mentions;

namespace SocialSla.Standalone.Generate;

/// <summary>Writes mentions as JSON Lines: one compact object per line, <c>\n</c> line ends, UTF-8 text.</summary>
/// <remarks>
/// Property names: <c>id, platform, account, channel, parentId, threadKey, author{id, handle, followers, verified},
/// fromBrand, text, createdAt, receivedAt, verb, actionable, priority, url</c>. Optional values are written as
/// <see langword="null"/>; instants as ISO-8601 UTC with <c>Z</c>, as NodaTime's <c>InstantPattern.ExtendedIso</c>
/// writes them (fractional seconds only when non-zero).
/// </remarks>
internal static class JsonlWriter
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText PlatformName = JsonEncodedText.Encode("platform");
    private static readonly JsonEncodedText AccountName = JsonEncodedText.Encode("account");
    private static readonly JsonEncodedText ChannelName = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText ParentId = JsonEncodedText.Encode("parentId");
    private static readonly JsonEncodedText ThreadKey = JsonEncodedText.Encode("threadKey");
    private static readonly JsonEncodedText AuthorName = JsonEncodedText.Encode("author");
    private static readonly JsonEncodedText Handle = JsonEncodedText.Encode("handle");
    private static readonly JsonEncodedText Followers = JsonEncodedText.Encode("followers");
    private static readonly JsonEncodedText Verified = JsonEncodedText.Encode("verified");
    private static readonly JsonEncodedText FromBrand = JsonEncodedText.Encode("fromBrand");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText ReceivedAt = JsonEncodedText.Encode("receivedAt");
    private static readonly JsonEncodedText Verb = JsonEncodedText.Encode("verb");
    private static readonly JsonEncodedText Actionable = JsonEncodedText.Encode("actionable");
    private static readonly JsonEncodedText PriorityName = JsonEncodedText.Encode("priority");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");

    public static void Write(TextWriter writer, IEnumerable<Mention> mentions)
    {
        var buffer = new ArrayBufferWriter<byte>(BatchBytes + 4096);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
        var chars = Array.Empty<char>();
        foreach (var mention in mentions)
        {
            json.Reset(buffer);
            WriteMention(json, mention);
            json.Flush();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount >= BatchBytes) Drain(writer, buffer, ref chars);
        }
        Drain(writer, buffer, ref chars);
    }

    /// <summary>Lines are encoded in batches of about this many bytes before they go to the writer.</summary>
    private const int BatchBytes = 32 * 1024;

    private static void Drain(TextWriter writer, ArrayBufferWriter<byte> buffer, ref char[] chars)
    {
        var bytes = buffer.WrittenSpan;
        if (chars.Length < bytes.Length) chars = new char[bytes.Length + BatchBytes];
        var count = Encoding.UTF8.GetChars(bytes, chars);
        writer.Write(chars, 0, count);
        buffer.ResetWrittenCount();
    }

    private static void WriteMention(Utf8JsonWriter json, Mention mention)
    {
        json.WriteStartObject();
        json.WriteString(Id, mention.Id.ExternalId);
        json.WriteString(PlatformName, mention.Id.Platform.ToWireName());
        json.WriteString(AccountName, mention.Account.Value);
        json.WriteString(ChannelName, mention.Channel.ToWireName());
        if (mention.ParentId is { } parent) json.WriteString(ParentId, parent.ExternalId);
        else json.WriteNull(ParentId);
        if (mention.ThreadKey is { } threadKey) json.WriteString(ThreadKey, threadKey);
        else json.WriteNull(ThreadKey);

        var author = mention.Author;
        json.WriteStartObject(AuthorName);
        json.WriteString(Id, author.Id);
        if (author.Handle is { } handle) json.WriteString(Handle, handle);
        else json.WriteNull(Handle);
        if (author.Followers is { } followers) json.WriteNumber(Followers, followers);
        else json.WriteNull(Followers);
        json.WriteBoolean(Verified, author.Verified);
        json.WriteEndObject();

        json.WriteBoolean(FromBrand, mention.FromBrand);
        json.WriteString(Text, mention.Text);
        Span<byte> instant = stackalloc byte[IsoInstantFormatter.MaxLength];
        json.WriteString(CreatedAt, instant[..IsoInstantFormatter.Format(mention.CreatedAt.ToUnixTimeMilliseconds(), instant)]);
        json.WriteString(ReceivedAt, instant[..IsoInstantFormatter.Format(mention.ReceivedAt.ToUnixTimeMilliseconds(), instant)]);
        json.WriteString(Verb, mention.Verb switch { MentionVerb.Edit => "edit", MentionVerb.Delete => "delete", _ => "add" });
        json.WriteBoolean(Actionable, mention.Actionable);
        json.WriteString(PriorityName, mention.Priority switch
        {
            Priority.Low => "low",
            Priority.High => "high",
            Priority.Urgent => "urgent",
            _ => "normal",
        });
        if (mention.Url is { } url) json.WriteString(Url, url);
        else json.WriteNull(Url);
        json.WriteEndObject();
    }
}
