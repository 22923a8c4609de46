namespace SocialSla.Core.Triage;

internal static partial class TextScanner
{
    /// <summary>The near-duplicate fingerprint of a text and how many words it hashed: exactly
    /// <see cref="TextFeatures.Fingerprint"/> and <see cref="TextFeatures.FingerprintWords"/> of <see cref="Scan(ReadOnlySpan{char}, TermIndex?, Span{ulong})"/>
    /// (the same tokens: handles, links and symbols skipped; words lower-cased, runs over two letters cut to two, only
    /// words with letters and no digits hashed), without the lexicon, sentiment and language work.</summary>
    /// <remarks>For the pass over a whole export (<see cref="NearDuplicateVerdicts"/>), where only this is needed; a
    /// property test holds it equal to <see cref="Scan(ReadOnlySpan{char}, TermIndex?, Span{ulong})"/>.</remarks>
    public static ulong Fingerprint(ReadOnlySpan<char> text, out int words)
    {
        ulong fingerprint = 14695981039346656037UL;
        words = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r') { i++; continue; }
            if (c == '@' && i + 1 < text.Length && IsHandleChar(text[i + 1]))
            {
                i++;
                while (i < text.Length && IsHandleChar(text[i])) i++;
                continue;
            }
            if (c == '#' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                i++;
                c = text[i];
            }
            else if (((c | 0x20) == 'h' && i + 4 < text.Length && (text[i + 1] | 0x20) == 't' || (c | 0x20) == 'w' && i + 3 < text.Length && text[i + 3] == '.') && IsLinkStart(text[i..]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                int letters = 0, digits = 0, written = 0, run = 0;
                char previous = '\0';
                var word = fingerprint;
                while (i < text.Length)
                {
                    var ch = text[i];
                    char low;
                    if (ch < 0x80)
                    {
                        if ((uint)((ch | 0x20) - 'a') <= 'z' - 'a')
                        {
                            letters++;
                            low = (char)(ch | 0x20);
                        }
                        else if ((uint)(ch - '0') <= 9)
                        {
                            digits++;
                            low = ch;
                        }
                        else if (ch == '\'' && written > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                        {
                            word = (word ^ '\'') * 1099511628211UL;
                            written++;
                            previous = '\'';
                            run = 1;
                            i++;
                            continue;
                        }
                        else break;
                    }
                    else if (char.IsLetterOrDigit(ch))
                    {
                        if (char.IsLetter(ch)) letters++;
                        else digits++;
                        low = char.ToLowerInvariant(ch);
                    }
                    else if (ch == '\u2019' && written > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                    {
                        word = (word ^ '\'') * 1099511628211UL;
                        written++;
                        previous = '\'';
                        run = 1;
                        i++;
                        continue;
                    }
                    else if (char.IsHighSurrogate(ch) && System.Text.Rune.DecodeFromUtf16(text[i..], out var rune, out _) == System.Buffers.OperationStatus.Done && System.Text.Rune.IsLetter(rune))
                    {
                        letters++;
                        i += 2;
                        continue;
                    }
                    else break;

                    run = low == previous ? run + 1 : 1;
                    previous = low;
                    if (run <= 2)
                    {
                        word = (word ^ low) * 1099511628211UL;
                        written++;
                    }
                    i++;
                }
                if (written == 0) continue;
                if (letters > 0 && digits == 0)
                {
                    fingerprint = (word ^ ' ') * 1099511628211UL;
                    words++;
                }
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i += 2;
                continue;
            }
            if (c is ':' or ';' or '=' or '<' or '^' or '-' or '>' && TryEmoticon(text, i, out var length, out _))
            {
                i += length;
                continue;
            }
            i++;
        }
        return fingerprint;
    }
}
