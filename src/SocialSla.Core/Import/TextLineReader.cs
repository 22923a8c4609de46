using System.Buffers;

namespace SocialSla.Core.Import;

/// <summary>Splits a <see cref="TextReader"/> into physical lines (CR, LF or CRLF), reading it in large blocks.</summary>
/// <remarks>
/// A line longer than the limit is not buffered: it is skipped up to its line break and reported with
/// <see cref="TooLong"/> set and an empty span. A UTF-8 byte order mark at the start is ignored. Spans stay valid until
/// the next call to <see cref="TryReadLine"/>. Not thread-safe.
/// </remarks>
internal sealed class TextLineReader
{
    private const int BlockSize = 64 * 1024;
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");

    private readonly TextReader _reader;
    private readonly int _maxChars;
    private char[] _buffer = new char[BlockSize];
    private int _pos;
    private int _end;
    private bool _eof;
    private bool _started;
    private bool _skipping;
    private long _nextLine = 1;

    public TextLineReader(TextReader reader, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChars);
        _reader = reader;
        _maxChars = maxChars;
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the line last returned was longer than the limit (its text is then not available).</summary>
    public bool TooLong { get; private set; }

    /// <summary>Reads the next line, without its line break.</summary>
    /// <returns><see langword="false"/> at the end of the text.</returns>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var k = _buffer.AsSpan(_pos, _end - _pos).IndexOfAny(LineBreaks);
            if (k >= 0)
            {
                var lineEnd = _pos + k;
                int next;
                if (_buffer[lineEnd] == '\n') next = lineEnd + 1;
                else if (lineEnd + 1 < _end) next = _buffer[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
                else if (_eof) next = lineEnd + 1;
                else
                {
                    Fill();
                    continue;
                }
                line = Complete(_pos, lineEnd);
                _pos = next;
                return true;
            }
            if (_eof)
            {
                if (_pos == _end && !_skipping)
                {
                    line = default;
                    return false;
                }
                line = Complete(_pos, _end);
                _pos = _end;
                return true;
            }
            if (_end - _pos > _maxChars)
            {
                // Too long: drop what is buffered and skip to the line break.
                _skipping = true;
                _pos = _end;
            }
            Fill();
        }
    }

    private ReadOnlySpan<char> Complete(int start, int end)
    {
        LineNumber = _nextLine++;
        TooLong = _skipping || end - start > _maxChars;
        _skipping = false;
        return TooLong ? default : _buffer.AsSpan(start, end - start);
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
                Array.Copy(_buffer, _end + 1, _buffer, _end, read - 1);
                read--;
            }
        }
        _end += read;
    }
}
