using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Import;

/// <summary>Reads X (Twitter) customer-care exports in the TWCS CSV schema ("Customer Support on Twitter").</summary>
/// <remarks>
/// <para>The first non-empty record is the header; it must name the columns <c>tweet_id</c>, <c>author_id</c>,
/// <c>inbound</c>, <c>created_at</c>, <c>text</c>, <c>response_tweet_id</c> and <c>in_response_to_tweet_id</c>
/// (ignoring case and surrounding spaces), in any order; other columns are ignored. The text is RFC 4180 CSV: quoted
/// fields, <c>""</c> escapes, CR/LF/CRLF line breaks (also inside quotes), an optional trailing line break and an
/// optional UTF-8 byte order mark. Empty lines are skipped and are not records.</para>
/// <para>Each row becomes a <see cref="Mention"/> on <see cref="Platform.X"/> with channel <see cref="Channel.Mention"/>,
/// verb <see cref="MentionVerb.Add"/>, no thread key (reply-chain threading), <see cref="Mention.FromBrand"/> =
/// <c>inbound</c> is false, author <c>author_id</c> (also its handle) and no URL. <c>created_at</c> has the layout
/// <c>Wed May 02 16:14:43 +0000 2018</c>; a weekday that does not match the date is tolerated, a date that does not
/// exist is not.</para>
/// <para>The schema has no account column. A brand row's account is its author. A customer row's account is that of
/// its reply chain (the rows connected by <c>in_response_to_tweet_id</c> and <c>response_tweet_id</c> links, in
/// either direction and in any order in the file, including through ids missing from the file): the author of the
/// chain's earliest brand row (by <c>created_at</c>, then file order); without a brand row, the first <c>@handle</c>
/// in the chain root's text that is the author of some brand row anywhere in the file (spelt as that author); else
/// the first <c>@handle</c> in the root's text; else <c>unknown</c>. The root is the earliest row whose parent is
/// not in the file.</para>
/// <para>Rows with a malformed id, time stamp or <c>inbound</c> value, an empty author or the wrong number of fields
/// are reported as <see cref="ImportIssue"/>s and skipped (or end the import in strict mode). Duplicate rows are all
/// returned. Repeated author ids and tweet ids share one string instance.</para>
/// </remarks>
public static class TwcsImport
{
    internal static readonly string[] RequiredColumns =
        ["tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id"];

    /// <summary>Reads a whole TWCS CSV export.</summary>
    /// <param name="reader">The CSV text; read to its end (or to the first bad record in strict mode).</param>
    /// <param name="options">How to treat bad records, text and arrival times.</param>
    /// <returns>The messages in file order, the rejected records and the record count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="options"/> is null.</exception>
    public static ImportBatch Read(TextReader reader, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var csv = new CsvRecordReader(reader);
        var issues = new List<ImportIssue>();
        if (!csv.ReadRecord()) return new ImportBatch([], issues, 0, stopped: false);

        var headerIssue = ReadHeader(csv, out var columns);
        if (headerIssue is not null)
        {
            issues.Add(new ImportIssue(csv.RecordLine, headerIssue));
            return new ImportBatch([], issues, 0, stopped: true);
        }

        var builder = new TwcsChainBuilder(options.KeepText, ExpectedRows(reader));
        long rows = 0;
        var stopped = false;
        while (csv.ReadRecord())
        {
            rows++;
            var problem = csv.Error
                ?? (csv.FieldCount != columns.Total
                    ? $"Expected {columns.Total} fields, as in the header, but found {csv.FieldCount}."
                    : AddRow(csv, columns, builder));
            if (problem is null) continue;
            issues.Add(new ImportIssue(csv.RecordLine, problem));
            if (options.Strict)
            {
                stopped = true;
                break;
            }
        }
        return new ImportBatch(builder.Build(options.ReceivedAt), issues, rows, stopped);
    }

    /// <summary>Tokenises a CSV text without interpreting it and counts its records after the first (header) one.</summary>
    /// <param name="reader">The CSV text; read to its end.</param>
    /// <returns>The number of records after the first, malformed ones included; 0 for an empty text.</returns>
    /// <remarks>The parse-only baseline for benchmarks: the same tokenizer as <see cref="Read"/>, without mapping.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    public static long CountRecords(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var csv = new CsvRecordReader(reader);
        long records = 0;
        while (csv.ReadRecord()) records++;
        return Math.Max(0, records - 1);
    }

    // A file's length gives a fair guess of its row count (TWCS rows average 150-300 characters), which lets the
    // tables be sized once instead of regrown; other readers give no hint.
    private static int ExpectedRows(TextReader reader) =>
        reader is StreamReader { BaseStream: { CanSeek: true } stream }
            ? (int)Math.Clamp((stream.Length - stream.Position) / 150, 0, 20_000_000) // TWCS rows run 150-250 characters: one table size, no doubling
            : 0;

    private readonly record struct Columns(
        int Total, int TweetId, int AuthorId, int Inbound, int CreatedAt, int Text, int ResponseIds, int ParentId);

    private static string? ReadHeader(CsvRecordReader csv, out Columns columns)
    {
        columns = default;
        if (csv.Error is not null) return $"The header is malformed: {csv.Error}";
        Span<int> found = stackalloc int[RequiredColumns.Length];
        found.Fill(-1);
        for (var field = 0; field < csv.FieldCount; field++)
        {
            var name = csv.Field(field).Trim();
            for (var c = 0; c < RequiredColumns.Length; c++)
            {
                if (!name.Equals(RequiredColumns[c], StringComparison.OrdinalIgnoreCase)) continue;
                if (found[c] >= 0) return $"The header names column '{RequiredColumns[c]}' twice.";
                found[c] = field;
            }
        }
        var missing = new List<string>();
        for (var c = 0; c < RequiredColumns.Length; c++)
        {
            if (found[c] < 0) missing.Add($"'{RequiredColumns[c]}'");
        }
        if (missing.Count > 0)
            return $"The header lacks the required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}.";
        columns = new Columns(csv.FieldCount, found[0], found[1], found[2], found[3], found[4], found[5], found[6]);
        return null;
    }

    private static string? AddRow(CsvRecordReader csv, in Columns columns, TwcsChainBuilder builder)
    {
        var tweetId = csv.Field(columns.TweetId);
        if (!TryParseTweetId(tweetId, out var id)) return $"tweet_id '{Shorten(tweetId)}' is not a decimal tweet id.";

        var authorId = csv.Field(columns.AuthorId);
        if (authorId.IsWhiteSpace()) return "author_id is empty.";

        var inbound = csv.Field(columns.Inbound);
        if (!TryParseInbound(inbound, out var isInbound))
            return $"inbound '{Shorten(inbound)}' is not True or False.";

        var createdAt = csv.Field(columns.CreatedAt);
        if (!TwitterTimestamp.TryParse(createdAt, out var created))
            return $"created_at '{Shorten(createdAt)}' is not of the form '{TwitterTimestamp.Example}'.";

        var parentText = csv.Field(columns.ParentId);
        long parent = -1;
        if (!parentText.IsEmpty && !TryParseTweetId(parentText, out parent))
            return $"in_response_to_tweet_id '{Shorten(parentText)}' is not a decimal tweet id.";

        // Response ids link the other way; validate them all before the row is added.
        var responses = csv.Field(columns.ResponseIds);
        Span<long> responseIds = stackalloc long[16];
        var responseCount = 0;
        var moreResponses = false;
        foreach (var range in responses.Split(','))
        {
            var response = responses[range].Trim(' ');
            if (response.IsEmpty) continue;
            if (!TryParseTweetId(response, out var responseId))
                return $"response_tweet_id '{Shorten(responses)}' holds '{Shorten(response)}', which is not a decimal tweet id.";
            if (responseCount < responseIds.Length) responseIds[responseCount++] = responseId;
            else moreResponses = true;
        }

        var row = builder.AddRow(id, tweetId, parentText, parent, authorId, !isInbound, created, csv.Field(columns.Text));
        foreach (var responseId in responseIds[..responseCount]) builder.Link(row, responseId);
        if (moreResponses)
        {
            // Rare: more than fit on the stack; the list was validated above.
            var skip = responseIds.Length;
            foreach (var range in responses.Split(','))
            {
                var response = responses[range].Trim(' ');
                if (response.IsEmpty || skip-- > 0) continue;
                TryParseTweetId(response, out var responseId);
                builder.Link(row, responseId);
            }
        }
        return null;
    }

    /// <summary>Parses a tweet id: 1 to 19 ASCII digits whose value fits a signed 64-bit integer.</summary>
    internal static bool TryParseTweetId(ReadOnlySpan<char> text, out long id)
    {
        id = 0;
        if (text.IsEmpty || text.Length > 19) return false;
        ulong value = 0;
        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9) return false;
            value = value * 10 + digit;
        }
        if (value > long.MaxValue) return false;
        id = (long)value;
        return true;
    }

    private static bool TryParseInbound(ReadOnlySpan<char> text, out bool inbound)
    {
        if (text.Length == 1)
        {
            inbound = text[0] == '1';
            return text[0] is '0' or '1';
        }
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            inbound = true;
            return true;
        }
        inbound = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    private static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= 60 ? new string(text) : string.Concat(text[..57], "...");
}
