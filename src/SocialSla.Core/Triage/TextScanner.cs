using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace SocialSla.Core.Triage;

/// <summary>One pass over a message's text that finds everything triage needs: sentiment, language, intents, links,
/// mentions, a duplicate fingerprint and hits of configured terms.</summary>
/// <remarks>
/// <para>Words are runs of letters and digits (an apostrophe between letters stays inside: <c>don't</c>), lower-cased,
/// with letters repeated more than twice cut to two (<c>sooooo</c> → <c>soo</c>, then <c>so</c> if only that is
/// known). <c>@handles</c> and links are skipped and counted; <c>#hashtags</c> are words with a little more weight.
/// Emoji and emoticons carry their own valence and are never negated.</para>
/// <para>Sentiment (VADER-like): each word's valence, strengthened by an intensifier or weakened by a diminisher just
/// before it, flipped and damped by a negator within the three words before it (the scope ends at <c>. ! ? ;</c>,
/// a line break or a contrast word), ×1.5 when in capitals in a text that is not all capitals, ×1.3 when elongated;
/// a contrast word (<c>but</c>) halves what came before and weights what follows ×1.5; phrases add their own
/// valence; a sarcasm marker, or thanks followed closely by a clearly negative word, turns praise into complaint;
/// exclamation marks add emphasis. The sum s becomes s / √(s² + 15), and <see cref="PositiveThreshold"/> and
/// <see cref="NegativeThreshold"/> split the labels. Text in a detected language other than English gets <see cref="SentimentLabel.Unknown"/>.</para>
/// <para>Allocates nothing per call (a per-thread buffer, or a pooled one for texts over 8,192 characters). Thread-safe.</para>
/// </remarks>
internal static partial class TextScanner
{
    /// <summary>The score at or above which a text is positive.</summary>
    public const float PositiveThreshold = 0.25f;

    /// <summary>The score at or below which a text is negative: lower than the positive bar, because a message to a
    /// brand that carries any clear complaint cue is a complaint, while politeness alone is not praise.</summary>
    public const float NegativeThreshold = -0.1f;

    private const int StackChars = 512;
    private const int KeptChars = 8192;

    [ThreadStatic]
    private static char[]? t_lower;
    private const int NegationScope = 3;
    private const int LanguageCount = 7;

    public static TextFeatures Scan(ReadOnlySpan<char> text, TermIndex? terms, Span<ulong> hits)
    {
        // A per-thread buffer (no zeroing, no pool traffic) for ordinary texts; a pooled one for very long texts.
        if (text.Length <= KeptChars)
        {
            var buffer = t_lower;
            if (buffer is null || buffer.Length < text.Length) t_lower = buffer = new char[Math.Max(StackChars, text.Length)];
            return Scan(text, buffer, terms, hits);
        }
        var rented = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            return Scan(text, rented, terms, hits);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static TextFeatures Scan(ReadOnlySpan<char> text, Span<char> lower, TermIndex? terms, Span<ulong> hits)
    {
        var features = default(TextFeatures);
        Span<int> ring = stackalloc int[8];
        Span<int> langScores = stackalloc int[LanguageCount];
        Span<char> cut = stackalloc char[64];
        var ringCount = 0;
        var write = 0;

        float pos = 0, neg = 0, capsExtra = 0, weight = 1f;
        float pendingBoost = 0;
        int boostScope = 0, negScope = 0, thanksWindow = 0;
        int capsWords = 0, letterWords = 0, latin = 0, nonLatin = 0, exclamations = 0;
        bool question = false, contrasted = false;
        var intents = MessageIntents.None;
        ulong fingerprint = 14695981039346656037UL;

        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t') { i++; continue; }
            if (c is '\n' or '\r') { negScope = 0; i++; continue; }

            if (c == '@' && i + 1 < text.Length && IsHandleChar(text[i + 1]))
            {
                i++;
                while (i < text.Length && IsHandleChar(text[i])) i++;
                features.Mentions++;
                continue;
            }

            var hashtag = false;
            if (c == '#' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                hashtag = true;
                i++;
                c = text[i];
            }
            else if (((c | 0x20) == 'h' && i + 4 < text.Length && (text[i + 1] | 0x20) == 't' || (c | 0x20) == 'w' && i + 3 < text.Length && text[i + 3] == '.') && IsLinkStart(text[i..]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
                features.Links++;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                // A word: letters, digits, apostrophes between letters; lower-cased, runs over two letters cut to two.
                var start = write;
                int upper = 0, letters = 0, digits = 0, elongatedAt = -1;
                char previous = '\0';
                var run = 0;
                var hash = WordTable.Seed;
                while (i < text.Length)
                {
                    var ch = text[i];
                    char low;
                    if (ch < 0x80)
                    {
                        if ((uint)((ch | 0x20) - 'a') <= 'z' - 'a')
                        {
                            letters++;
                            latin++;
                            if (ch <= 'Z') upper++;
                            low = (char)(ch | 0x20);
                        }
                        else if ((uint)(ch - '0') <= 9)
                        {
                            digits++;
                            low = ch;
                        }
                        else if (ch == '\'' && write > start && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                        {
                            lower[write++] = '\'';
                            hash = WordTable.Step(hash, '\'');
                            previous = '\'';
                            run = 1;
                            i++;
                            continue;
                        }
                        else break;
                    }
                    else if (char.IsLetterOrDigit(ch))
                    {
                        if (char.IsLetter(ch))
                        {
                            letters++;
                            if (char.IsUpper(ch)) upper++;
                            if (ch < 0x250 || ch is >= '\u1E00' and <= '\u1EFF') latin++;
                            else nonLatin++;
                        }
                        else digits++;
                        low = char.ToLowerInvariant(ch);
                        LanguageHint(low, langScores);
                    }
                    else if (ch == '\u2019' && write > start && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                    {
                        lower[write++] = '\'';
                        hash = WordTable.Step(hash, '\'');
                        previous = '\'';
                        run = 1;
                        i++;
                        continue;
                    }
                    else if (char.IsHighSurrogate(ch) && System.Text.Rune.DecodeFromUtf16(text[i..], out var rune, out _) == OperationStatus.Done && System.Text.Rune.IsLetter(rune))
                    {
                        nonLatin++;
                        letters++;
                        i += 2;
                        continue;
                    }
                    else break;

                    run = low == previous ? run + 1 : 1;
                    previous = low;
                    if (run > 2)
                    {
                        if (elongatedAt < 0) elongatedAt = write - start - 1;
                    }
                    else
                    {
                        lower[write++] = low;
                        hash = WordTable.Step(hash, low);
                    }
                    i++;
                }
                if (write == start) continue;
                var word = lower[start..write];

                var found = Lexicon.Table.TryGetValue(word, hash, out var info);
                if (!found && elongatedAt >= 0)
                {
                    // "sooo" is not known as "soo": try the run cut to one letter.
                    if (word.Length <= 64)
                    {
                        word[..elongatedAt].CopyTo(cut);
                        word[(elongatedAt + 1)..].CopyTo(cut[elongatedAt..]);
                        found = Lexicon.Table.TryGetValue(cut[..(word.Length - 1)], WordTable.Hash(cut[..(word.Length - 1)]), out info);
                    }
                }

                if (letters > 0)
                {
                    letterWords++;
                    if (digits == 0)
                    {
                        foreach (var ch in word) fingerprint = (fingerprint ^ ch) * 1099511628211UL;
                        fingerprint = (fingerprint ^ ' ') * 1099511628211UL;
                        features.FingerprintWords++;
                    }
                }
                var isCaps = letters >= 2 && upper == letters;
                if (isCaps) capsWords++;

                if (found)
                {
                    if (info.Languages != 0) AddLanguages(info.Languages, langScores);
                    var roles = info.Roles;
                    if ((roles & WordRoles.Contrast) != 0 && !contrasted && features.Words > 0)
                    {
                        contrasted = true;
                        pos *= 0.5f;
                        neg *= 0.5f;
                        capsExtra *= 0.5f;
                        weight = 1.5f;
                        negScope = 0;
                    }
                    if ((roles & WordRoles.QuestionWord) != 0 && features.Words == 0) question = true;
                    if ((roles & WordRoles.Request) != 0) intents |= MessageIntents.Request;
                    if ((roles & WordRoles.Outage) != 0) intents |= MessageIntents.Outage;
                    if ((roles & WordRoles.Complaint) != 0) intents |= MessageIntents.Complaint;
                    if ((roles & WordRoles.Sarcasm) != 0) intents |= MessageIntents.Sarcasm;

                    var v = info.Valence;
                    if (v != 0)
                    {
                        if (boostScope > 0) v *= 1f + pendingBoost;
                        if (negScope > 0) v = v > 0 ? -0.75f * v : -0.4f * v;
                        if (hashtag) v *= 1.2f;
                        if (elongatedAt >= 0) v *= 1.3f;
                        v *= weight;
                        if (isCaps) capsExtra += 0.5f * v;
                        if (v > 0) pos += v;
                        else neg += v;
                        if (v < -0.9f && thanksWindow > 0) intents |= MessageIntents.Sarcasm;
                        boostScope = 0;
                    }
                    if ((roles & WordRoles.Thanks) != 0)
                    {
                        intents |= MessageIntents.Thanks;
                        thanksWindow = 5;
                    }
                    if ((roles & WordRoles.PhraseEnd) != 0)
                    {
                        foreach (var phrase in Lexicon.PhraseLists[info.Phrases])
                        {
                            if (!TermIndex.PrecededBy(phrase.Preceding, lower, ring, ringCount)) continue;
                            // "thank you so much for …" is not the sarcastic "so much for …".
                            if ((phrase.Roles & WordRoles.Sarcasm) != 0 && ringCount > phrase.Preceding.Length
                                && IsThanks(lower.Slice(ring[2 * phrase.Preceding.Length], ring[2 * phrase.Preceding.Length + 1])))
                                continue;
                            var pv = phrase.Valence * weight;
                            if (pv > 0) pos += pv;
                            else neg += pv;
                            if ((phrase.Roles & WordRoles.Complaint) != 0) intents |= MessageIntents.Complaint;
                            if ((phrase.Roles & WordRoles.Request) != 0) intents |= MessageIntents.Request;
                            if ((phrase.Roles & WordRoles.Outage) != 0) intents |= MessageIntents.Outage;
                            if ((phrase.Roles & WordRoles.Thanks) != 0) intents |= MessageIntents.Thanks;
                            if ((phrase.Roles & WordRoles.Sarcasm) != 0) intents |= MessageIntents.Sarcasm;
                        }
                    }
                    if ((roles & (WordRoles.Intensifier | WordRoles.Diminisher)) != 0)
                    {
                        pendingBoost = info.Boost;
                        boostScope = 3;
                    }
                    if ((roles & WordRoles.Negator) != 0) negScope = NegationScope + 1;
                }
                else if (word.Length > 3 && word.EndsWith("n't"))
                {
                    negScope = NegationScope + 1;
                }

                terms?.Match(word, lower, ring, ringCount, hits);

                // Shift the ring of previous words (most recent first).
                ring[..6].CopyTo(ring[2..]);
                ring[0] = start;
                ring[1] = write - start;
                if (ringCount < 4) ringCount++;

                features.Words++;
                if (negScope > 0) negScope--;
                if (boostScope > 0) boostScope--;
                if (thanksWindow > 0) thanksWindow--;
                continue;
            }

            // Symbols: emoji, emoticons, punctuation.
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                i += 2;
                if (codePoint is >= 0x1F3FB and <= 0x1F3FF) continue;
                features.Symbols++;
                if (Lexicon.Emoji.TryGetValue(codePoint, out var ev)) Add(ev * weight, ref pos, ref neg);
                continue;
            }
            if (c is >= '\u2190' and <= '\u2BFF')
            {
                i++;
                features.Symbols++;
                if (Lexicon.Emoji.TryGetValue(c, out var ev)) Add(ev * weight, ref pos, ref neg);
                continue;
            }
            if (c is ':' or ';' or '=' or '<' or '^' or '-' or '>' && TryEmoticon(text, i, out var length, out var valence))
            {
                i += length;
                features.Symbols++;
                Add(valence * weight, ref pos, ref neg);
                continue;
            }
            switch (c)
            {
                case '!':
                    exclamations++;
                    negScope = 0;
                    break;
                case '?':
                    question = true;
                    negScope = 0;
                    break;
                case '.' or ';':
                    negScope = 0;
                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == 's' && (i + 2 == text.Length || !char.IsLetterOrDigit(text[i + 2])) && (i == 0 || char.IsWhiteSpace(text[i - 1])):
                    intents |= MessageIntents.Sarcasm;
                    break;
            }
            i++;
        }

        features.HasText = letterWords > 0;
        features.Fingerprint = fingerprint;
        features.Language = DecideLanguage(langScores, latin, nonLatin);

        var sum = pos + neg;
        if (capsWords < letterWords || letterWords < 2) sum += capsExtra;
        if ((intents & MessageIntents.Sarcasm) != 0 && pos > 0) sum = neg - 0.5f * pos - 0.5f;
        if (sum != 0) sum += MathF.Sign(sum) * Math.Min(exclamations, 4) * 0.25f;
        var score = sum / MathF.Sqrt(sum * sum + 15f);

        var label = score >= PositiveThreshold ? SentimentLabel.Positive
            : score <= NegativeThreshold ? SentimentLabel.Negative
            : SentimentLabel.Neutral;
        if (features.Language is not Language.En) (score, label) = (0f, SentimentLabel.Unknown);
        features.Sentiment = new SentimentScore(score, label);

        if (question) intents |= MessageIntents.Question;
        if (label == SentimentLabel.Negative) intents |= MessageIntents.Complaint;
        if (label == SentimentLabel.Positive) intents |= MessageIntents.Praise;
        if (letterWords == 0 && features.Symbols > 0) intents |= MessageIntents.EmojiOnly;
        features.Intents = intents;
        return features;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float v, ref float pos, ref float neg)
    {
        if (v > 0) pos += v;
        else neg += v;
    }

    private static bool IsThanks(ReadOnlySpan<char> word) => word is "you" or "thanks" or "thank" or "thx" or "ty";

    private static bool IsHandleChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsLinkStart(ReadOnlySpan<char> s) =>
        s.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    private static bool TryEmoticon(ReadOnlySpan<char> text, int at, out int length, out float valence)
    {
        var rest = text[at..];
        foreach (var (emoticon, v) in Lexicon.Emoticons)
        {
            if (!rest.StartsWith(emoticon, StringComparison.Ordinal)) continue;
            // ":D" must not be the start of ":Done"; "-_-" must stand alone.
            if (emoticon.Length < rest.Length && char.IsLetterOrDigit(rest[emoticon.Length]) && char.IsLetterOrDigit(emoticon[^1])) continue;
            length = emoticon.Length;
            valence = v;
            return true;
        }
        length = 0;
        valence = 0;
        return false;
    }

    /// <summary>Each stop word counts 2 points split among the languages it belongs to.</summary>
    private static void AddLanguages(byte mask, Span<int> scores)
    {
        var share = 12 / System.Numerics.BitOperations.PopCount(mask);
        for (var l = 0; l < LanguageCount; l++)
            if ((mask & (1 << l)) != 0) scores[l] += share;
    }

    /// <summary>Letters that only some of the known languages use.</summary>
    private static void LanguageHint(char low, Span<int> scores)
    {
        switch (low)
        {
            case 'ñ' or '¿' or '¡': scores[(int)Language.Es - 1] += 6; break;
            case 'ã' or 'õ': scores[(int)Language.Pt - 1] += 6; break;
            case 'ß' or 'ä' or 'ö' or 'ü': scores[(int)Language.De - 1] += 4; break;
            case 'ç': scores[(int)Language.Fr - 1] += 3; scores[(int)Language.Pt - 1] += 3; break;
            case 'ê' or 'â' or 'î' or 'û' or 'ë' or 'œ': scores[(int)Language.Fr - 1] += 3; break;
            case 'ì' or 'ò': scores[(int)Language.It - 1] += 4; break;
        }
    }

    private static Language DecideLanguage(ReadOnlySpan<int> scores, int latin, int nonLatin)
    {
        if (nonLatin > latin) return Language.Unknown;
        var best = 0;
        for (var l = 1; l < LanguageCount; l++)
            if (scores[l] > scores[best]) best = l;
        // English is the default: another language needs more evidence than English and at least two whole stop words.
        if (best == 0 || scores[best] <= scores[0] || scores[best] < 24) return Language.En;
        return (Language)(best + 1);
    }

    /// <summary>Formats a score the way reports print it.</summary>
    public static string Format(float score) => score.ToString("0.000", CultureInfo.InvariantCulture);
}
