using System.Buffers;

namespace SocialSla.Core.Import;

/// <summary>A forward-only RFC 4180 tokenizer over a <see cref="TextReader"/> that exposes each record's fields as spans.</summary>
/// <remarks>
/// <para>Reads the text in large blocks and finds field boundaries with vectorised searches; it allocates nothing per
/// record once its buffers have grown to the longest record. Quoted fields may hold commas, <c>""</c> escapes and line
/// breaks; CR, LF and CRLF all end a line. Completely empty lines are skipped. A UTF-8 byte order mark at the start
/// is ignored.</para>
/// <para>A malformed record (a quote inside an unquoted field, text after a closing quote, a quote never closed) is
/// still returned, with <see cref="Error"/> set; the tokenizer resynchronises at the next line break outside quotes.</para>
/// <para>Spans returned by <see cref="Field"/> stay valid until the next call to <see cref="ReadRecord"/>. Not thread-safe.</para>
/// </remarks>
internal sealed class CsvRecordReader
{
    private const int BlockSize = 64 * 1024;
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n\"");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n");
    private static readonly SearchValues<char> LenientStops = SearchValues.Create(",\r\n");

    private readonly TextReader _reader;
    private char[] _buffer = new char[BlockSize];
    private int _pos;
    private int _end;
    private bool _eof;
    private bool _started;
    private long _line = 1;

    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private bool[] _escaped = new bool[16];
    private int _count;

    public CsvRecordReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>The number of fields in the current record.</summary>
    public int FieldCount => _count;

    /// <summary>The 1-based physical line on which the current record starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Why the current record is malformed, or <see langword="null"/> when it is well formed.</summary>
    public string? Error { get; private set; }

    private enum Step { Record, End, NeedMore }

    /// <summary>Advances to the next record.</summary>
    /// <returns><see langword="false"/> at the end of the text.</returns>
    public bool ReadRecord()
    {
        while (true)
        {
            switch (TryParse())
            {
                case Step.Record: return true;
                case Step.End: return false;
                default: Fill(); break;
            }
        }
    }

    /// <summary>The text of field <paramref name="index"/> of the current record, with quotes removed and <c>""</c> unescaped.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        if (_escaped[index])
        {
            // Collapse "" to " in place: the record is complete, so the buffer is not rescanned.
            var span = _buffer.AsSpan(_starts[index], _lengths[index]);
            var write = 0;
            for (var read = 0; read < span.Length; read++, write++)
            {
                span[write] = span[read];
                if (span[read] == '"') read++;
            }
            _lengths[index] = write;
            _escaped[index] = false;
        }
        return _buffer.AsSpan(_starts[index], _lengths[index]);
    }

    private void Fill()
    {
        if (_pos > 0)
        {
            Array.Copy(_buffer, _pos, _buffer, 0, _end - _pos);
            _end -= _pos;
            _pos = 0;
        }
        if (_buffer.Length - _end < BlockSize / 4) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return;
        }
        if (!_started)
        {
            _started = true;
            if (_buffer[_end] == '\uFEFF')
            {
                // Drop the byte order mark.
                Array.Copy(_buffer, _end + 1, _buffer, _end, read - 1);
                read--;
            }
        }
        _end += read;
    }

    private Step TryParse()
    {
        var buf = _buffer;
        var end = _end;

        // Skip empty lines; each is complete once its terminator is known.
        while (_pos < end)
        {
            var c = buf[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
            }
            else if (c == '\r')
            {
                if (_pos + 1 < end) _pos += buf[_pos + 1] == '\n' ? 2 : 1;
                else if (_eof) _pos++;
                else return Step.NeedMore;
                _line++;
            }
            else break;
        }
        if (_pos == end) return _eof ? Step.End : Step.NeedMore;

        var i = _pos;
        long breaks = 0;
        string? error = null;
        _count = 0;
        while (true)
        {
            // At the start of a field.
            if (i == end)
            {
                if (!_eof) return Step.NeedMore;
                AddField(i, 0, false);
                break;
            }
            if (buf[i] == '"')
            {
                var start = i + 1;
                var j = start;
                var escaped = false;
                var closed = false;
                while (true)
                {
                    var k = buf.AsSpan(j, end - j).IndexOfAny(QuotedStops);
                    if (k < 0)
                    {
                        if (!_eof) return Step.NeedMore;
                        j = end;
                        break;
                    }
                    j += k;
                    var ch = buf[j];
                    if (ch == '"')
                    {
                        if (j + 1 < end)
                        {
                            if (buf[j + 1] == '"')
                            {
                                escaped = true;
                                j += 2;
                                continue;
                            }
                        }
                        else if (!_eof) return Step.NeedMore;
                        closed = true;
                        break;
                    }
                    if (ch == '\r')
                    {
                        if (j + 1 < end) j += buf[j + 1] == '\n' ? 2 : 1;
                        else if (_eof) j++;
                        else return Step.NeedMore;
                    }
                    else j++;
                    breaks++;
                }
                AddField(start, j - start, escaped);
                if (!closed)
                {
                    error ??= $"Field {_count} opens a quote that is never closed before the end of the input.";
                    i = end;
                    break;
                }
                i = j + 1;
                if (i == end)
                {
                    if (!_eof) return Step.NeedMore;
                    break;
                }
                var next = buf[i];
                if (next == ',')
                {
                    i++;
                    continue;
                }
                if (next != '\r' && next != '\n')
                {
                    error ??= $"Field {_count} has text after its closing quote.";
                    var stop = buf.AsSpan(i, end - i).IndexOfAny(LenientStops);
                    if (stop < 0)
                    {
                        if (!_eof) return Step.NeedMore;
                        i = end;
                        break;
                    }
                    i += stop;
                    if (buf[i] == ',')
                    {
                        i++;
                        continue;
                    }
                }
                // A line break ends the record.
            }
            else
            {
                var k = buf.AsSpan(i, end - i).IndexOfAny(UnquotedStops);
                if (k >= 0 && buf[i + k] == '"')
                {
                    error ??= $"Field {_count + 1} has a quote but does not start with one.";
                    var after = i + k + 1;
                    var stop = buf.AsSpan(after, end - after).IndexOfAny(LenientStops);
                    k = stop < 0 ? -1 : after + stop - i;
                }
                if (k < 0)
                {
                    if (!_eof) return Step.NeedMore;
                    AddField(i, end - i, false);
                    i = end;
                    break;
                }
                AddField(i, k, false);
                i += k;
                if (buf[i] == ',')
                {
                    i++;
                    continue;
                }
            }

            // buf[i] is CR or LF: the record ends here.
            if (buf[i] == '\r')
            {
                if (i + 1 < end) i += buf[i + 1] == '\n' ? 2 : 1;
                else if (_eof) i++;
                else return Step.NeedMore;
            }
            else i++;
            breaks++;
            break;
        }

        RecordLine = _line;
        _line += breaks;
        _pos = i;
        Error = error;
        return Step.Record;
    }

    private void AddField(int start, int length, bool escaped)
    {
        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
            Array.Resize(ref _escaped, _count * 2);
        }
        _starts[_count] = start;
        _lengths[_count] = length;
        _escaped[_count] = escaped;
        _count++;
    }
}
