using FsCheck.Xunit;
using SocialSla.Core.Import;

namespace SocialSla.Core.Tests.Import;

public sealed class CsvRecordReaderTests
{
    /// <summary>A reader that hands out at most a few characters per call, to cross every buffer boundary.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _pos;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), text.Length - _pos);
            text.CopyTo(_pos, buffer, index, n);
            _pos += n;
            return n;
        }
    }

    private static readonly string[] Separators = ["\n", "\r\n", "\r"];

    private static string Encode(string field) =>
        field.Length == 0 || field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static int CountLineBreaks(string text) =>
        text.Replace("\r\n", "\n").Count(c => c is '\r' or '\n');

    private static List<(long Line, string[] Fields, string? Error)> ReadAll(TextReader reader)
    {
        var csv = new CsvRecordReader(reader);
        var records = new List<(long, string[], string?)>();
        while (csv.ReadRecord())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = new string(csv.Field(i));
            records.Add((csv.RecordLine, fields, csv.Error));
        }
        return records;
    }

    [Property(MaxTest = 300)]
    public bool Prop_EncodedRecordsTokenizeBackWithTheirStartLines(string?[][]? generated, byte chunk)
    {
        var records = (generated ?? [])
            .Select(r => r is null || r.Length == 0 ? [""] : r.Select(f => (f ?? "").Replace('\uFEFF', ' ')).ToArray())
            .ToList();
        var text = new System.Text.StringBuilder();
        var expectedLines = new List<long>();
        long line = 1;
        for (var i = 0; i < records.Count; i++)
        {
            expectedLines.Add(line);
            var encoded = string.Join(",", records[i].Select(Encode)) + Separators[i % 3];
            line += CountLineBreaks(encoded);
            text.Append(encoded);
        }

        var whole = ReadAll(new StringReader(text.ToString()));
        var trickled = ReadAll(new TrickleReader(text.ToString(), 1 + chunk % 7));

        foreach (var result in new[] { whole, trickled })
        {
            if (result.Count != records.Count) return false;
            for (var i = 0; i < records.Count; i++)
            {
                if (result[i].Error is not null || result[i].Line != expectedLines[i]) return false;
                if (!result[i].Fields.SequenceEqual(records[i])) return false;
            }
        }
        return true;
    }

    [Fact]
    public void ReadRecord_NoTrailingLineBreakAndCrAtEnd_LastRecordComplete()
    {
        var records = ReadAll(new TrickleReader("a,\"b\"\r\nc,d\r", 1));

        Assert.Equal(2, records.Count);
        Assert.Equal(["c", "d"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public void ReadRecord_TrailingComma_GivesEmptyLastField()
    {
        var records = ReadAll(new StringReader("a,"));

        Assert.Equal(["a", ""], Assert.Single(records).Fields);
    }
}
