using System.Text;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Import;

/// <summary>Reads exports in the JSONL mention format: one JSON object per line, as described on <see cref="JsonlMentionParser"/>.</summary>
/// <remarks>
/// Lines end with CR, LF or CRLF; blank lines are skipped and are not records. Each other line is one record; a line
/// that is not a valid mention (or longer than <see cref="JsonlMentionParser.MaxLineBytes"/> bytes) is reported as an
/// <see cref="ImportIssue"/> and skipped, or ends the import in strict mode. A missing <c>receivedAt</c> becomes
/// <see cref="ImportOptions.ReceivedAt"/>, else <c>createdAt</c>. Repeated account, author and handle strings share one
/// instance.
/// </remarks>
public static class JsonlImport
{
    /// <summary>Reads a whole JSONL mention export.</summary>
    /// <param name="reader">The text; read to its end (or to the first bad line in strict mode).</param>
    /// <param name="options">How to treat bad records, text and arrival times.</param>
    /// <returns>The messages in file order, the rejected lines and the record count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="options"/> is null.</exception>
    public static ImportBatch Read(TextReader reader, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var lines = new TextLineReader(reader, JsonlMentionParser.MaxLineBytes);
        var pool = new StringPool();
        var mentions = new List<Mention>();
        var issues = new List<ImportIssue>();
        var bytes = new byte[4096];
        long rows = 0;
        var stopped = false;
        while (lines.TryReadLine(out var line))
        {
            if (!lines.TooLong && line.IsWhiteSpace()) continue;
            rows++;
            string? error;
            if (lines.TooLong)
            {
                error = $"The line is longer than {JsonlMentionParser.MaxLineBytes} bytes.";
            }
            else
            {
                var needed = Encoding.UTF8.GetMaxByteCount(line.Length);
                if (bytes.Length < needed) bytes = new byte[Math.Max(needed, bytes.Length * 2)];
                var length = Encoding.UTF8.GetBytes(line, bytes);
                if (JsonlMentionParser.TryParse(bytes.AsSpan(0, length), options.ReceivedAt, options.KeepText, pool,
                        out var mention, out error))
                {
                    mentions.Add(mention);
                    continue;
                }
            }
            issues.Add(new ImportIssue(lines.LineNumber, error));
            if (options.Strict)
            {
                stopped = true;
                break;
            }
        }
        return new ImportBatch(mentions, issues, rows, stopped);
    }
}
