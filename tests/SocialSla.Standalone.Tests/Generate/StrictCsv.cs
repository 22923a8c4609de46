using System.Text;

namespace SocialSla.Standalone.Tests.Generate;

/// <summary>A deliberately strict RFC 4180 reader for the tests (independent of the code under test).</summary>
/// <remarks>Records end with CRLF; a field is either unquoted (no quote, CR or LF) or wholly quoted with inner quotes
/// doubled; anything else throws <see cref="FormatException"/>.</remarks>
internal static class StrictCsv
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("Unterminated quoted field.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r'))
                {
                    if (text[i] is '"' or '\n') throw new FormatException($"Bare quote or LF in an unquoted field at {i}.");
                    field.Append(text[i++]);
                }
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length) throw new FormatException("The last record does not end with CRLF.");
            if (text[i] == ',') { i++; continue; }
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                records.Add([.. fields]);
                fields.Clear();
                i += 2;
                continue;
            }
            throw new FormatException($"Expected a comma or CRLF after a field at {i}.");
        }
        return records;
    }
}
