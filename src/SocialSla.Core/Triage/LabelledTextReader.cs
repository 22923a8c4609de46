using SocialSla.Core.Import;

namespace SocialSla.Core.Triage;

/// <summary>Reads a labelled sentiment CSV: a header naming a <c>text</c> and a <c>sentiment</c> column (any order,
/// other columns ignored), then one document per record, with labels <c>negative</c>, <c>neutral</c> or
/// <c>positive</c> (any case).</summary>
/// <remarks>Records with another label or too few fields are skipped and counted. Stateless and thread-safe.</remarks>
public static class LabelledTextReader
{
    /// <summary>Reads every document.</summary>
    /// <param name="reader">The CSV text (RFC 4180).</param>
    /// <param name="documents">The documents, in file order.</param>
    /// <param name="skipped">The number of records skipped.</param>
    /// <param name="error">Why the file cannot be read (no header, or no <c>text</c> or <c>sentiment</c> column).</param>
    /// <returns><see langword="false"/> when the header is missing or lacks a column.</returns>
    public static bool TryRead(TextReader reader, out IReadOnlyList<LabelledText> documents, out long skipped, out string? error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var list = new List<LabelledText>();
        documents = list;
        skipped = 0;
        var csv = new CsvRecordReader(reader);
        if (!csv.ReadRecord())
        {
            error = "the file is empty (a header with 'text' and 'sentiment' columns is needed).";
            return false;
        }
        int textColumn = -1, labelColumn = -1;
        for (var f = 0; f < csv.FieldCount; f++)
        {
            var name = csv.Field(f).Trim();
            if (name.Equals("text", StringComparison.OrdinalIgnoreCase)) textColumn = f;
            else if (name.Equals("sentiment", StringComparison.OrdinalIgnoreCase) || name.Equals("label", StringComparison.OrdinalIgnoreCase)) labelColumn = f;
        }
        if (textColumn < 0 || labelColumn < 0)
        {
            error = "the header has no 'text' or no 'sentiment' column.";
            return false;
        }
        while (csv.ReadRecord())
        {
            if (csv.Error is not null || csv.FieldCount <= Math.Max(textColumn, labelColumn) || !TryLabel(csv.Field(labelColumn).Trim(), out var label))
            {
                skipped++;
                continue;
            }
            list.Add(new LabelledText(csv.Field(textColumn).ToString(), label));
        }
        error = null;
        return true;
    }

    /// <summary>Parses <c>negative</c>, <c>neutral</c> or <c>positive</c>, ignoring case.</summary>
    public static bool TryLabel(ReadOnlySpan<char> text, out SentimentLabel label)
    {
        label = text switch
        {
            _ when text.Equals("negative", StringComparison.OrdinalIgnoreCase) => SentimentLabel.Negative,
            _ when text.Equals("neutral", StringComparison.OrdinalIgnoreCase) => SentimentLabel.Neutral,
            _ when text.Equals("positive", StringComparison.OrdinalIgnoreCase) => SentimentLabel.Positive,
            _ => SentimentLabel.Unknown,
        };
        return label != SentimentLabel.Unknown;
    }
}
