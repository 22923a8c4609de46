using System.Buffers;
using System.Text;

namespace SocialSla.Core.Privacy;

/// <summary>Masks personal data in message text before it is stored or sent in alerts: e-mail addresses become
/// <c>[email]</c>, phone numbers <c>[phone]</c>, payment card numbers <c>[card]</c> (the placeholders the shared
/// care-conversation exports use).</summary>
/// <remarks>
/// <para><b>E-mail</b>: <c>local@domain.tld</c> with a non-empty local part (so <c>@handle</c> stays), at least two
/// domain labels and a top-level label of two or more letters.</para>
/// <para><b>Numbers</b> are read as tokens: digit groups joined by one space, <c>-</c> or <c>.</c>, with an optional
/// leading <c>+</c> and parenthesised groups. A token touching a letter, digit, <c>_</c>, <c>@</c>, <c>/</c>,
/// <c>=</c>, <c>:</c> or <c>%</c> (words, ids in links, times, percentages) is never personal data; neither is one
/// after a currency sign or <c>#</c> (prices, order numbers).</para>
/// <para><b>Card</b>: 13–19 digits in one run or in groups joined by one kind of space or <c>-</c>, starting with a card
/// network's prefix (3, 4, 5, 6, or 2221–2720) and passing <see cref="Luhn"/>. Checked before phones.</para>
/// <para><b>Phone</b>: <c>+</c> and 8–15 digits (E.164); <c>00</c> and 10–17 digits; a grouped number of 9–13 digits
/// (9 only in three or more groups; groups after the first of two or more digits, of at most four with dots) that is
/// not date-shaped (<c>2026-11-22</c>, <c>22.11.2026</c>); a bare run of
/// 10–12 digits with a national trunk <c>0</c>; or a bare run of 7–15 digits right after a cue word (<c>call</c>,
/// <c>phone</c>, <c>tel</c>, <c>mobile</c>, <c>cell</c>, <c>whatsapp</c>, <c>sms</c>, <c>text me</c>). Bare runs
/// without those (order, tracking and ticket numbers, tweet ids, timestamps) are kept.</para>
/// <para>Known limits: two numbers written one space apart read as one token (and are kept when together they are
/// neither); spelled-out addresses (<c>jane at example dot com</c>), 7-digit local numbers without a cue,
/// and amounts of a billion or more written with space or dot thousands separators (read as a phone).</para>
/// <para>Pure and thread-safe; linear in the text's length; returns the same instance (no allocation) when nothing
/// is masked, which a text without <c>@</c>, <c>+</c>, <c>(</c> or digits decides in one vectorised search.</para>
/// </remarks>
public static class PiiMasker
{
    /// <summary>What an e-mail address becomes.</summary>
    public const string EmailMask = "[email]";

    /// <summary>What a phone number becomes.</summary>
    public const string PhoneMask = "[phone]";

    /// <summary>What a payment card number becomes.</summary>
    public const string CardMask = "[card]";

    private static readonly SearchValues<char> Triggers = SearchValues.Create("@+(0123456789");
    private static readonly SearchValues<char> LocalPart = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-");
    private static readonly string[] Cues = ["call", "phone", "tel", "mobile", "cell", "whatsapp", "sms", "text me"];
    private const int CueWindow = 24;
    private const int MaxGroups = 8;

    /// <summary>The text with every kind in <paramref name="kinds"/> masked.</summary>
    /// <returns><paramref name="text"/> itself when nothing was masked.</returns>
    public static string Mask(string text, PiiKinds kinds = PiiKinds.All)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (kinds == PiiKinds.None || text.Length == 0) return text;
        var at = text.AsSpan().IndexOfAny(Triggers);
        if (at < 0) return text;

        StringBuilder? masked = null;
        var copied = 0;
        while (at < text.Length)
        {
            int end;
            var c = text[at];
            if (c == '@')
            {
                if ((kinds & PiiKinds.Email) != 0 && TryEmail(text, at, copied, out var start, out end))
                {
                    Emit(ref masked, text, ref copied, start, end, EmailMask);
                    at = end;
                }
                else
                {
                    at++;
                }
            }
            else
            {
                var kind = ReadNumber(text, at, kinds, out end);
                if (kind != PiiKinds.None) Emit(ref masked, text, ref copied, at, end, kind == PiiKinds.Card ? CardMask : PhoneMask);
                at = Math.Max(end, at + 1);
            }
            if (at >= text.Length) break;
            var next = text.AsSpan(at).IndexOfAny(Triggers);
            if (next < 0) break;
            at += next;
        }
        if (masked is null) return text;
        masked.Append(text, copied, text.Length - copied);
        return masked.ToString();
    }

    /// <summary>The mention with its text masked (<see cref="Mask(string, PiiKinds)"/>); the same instance when
    /// nothing was masked.</summary>
    public static Mentions.Mention Mask(Mentions.Mention mention, PiiKinds kinds)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var text = Mask(mention.Text, kinds);
        return ReferenceEquals(text, mention.Text) ? mention : mention with { Text = text };
    }

    private static void Emit(ref StringBuilder? masked, string text, ref int copied, int start, int end, string mask)
    {
        masked ??= new StringBuilder(text.Length);
        masked.Append(text, copied, start - copied).Append(mask);
        copied = end;
    }

    private static bool TryEmail(string text, int at, int floor, out int start, out int end)
    {
        start = at;
        end = at;
        while (start > floor && LocalPart.Contains(text[start - 1])) start--;
        while (start < at && text[start] is '.' or '+' or '-' or '%') start++; // a local part starts with a word character
        if (start == at) return false;

        // Domain: labels of letters, digits and '-' joined by '.'; the last one (two or more letters) ends it.
        var position = at + 1;
        var labels = 0;
        var lastLabelLetters = false;
        var domainEnd = -1;
        while (true)
        {
            var labelStart = position;
            var letters = true;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '-'))
            {
                if (!char.IsAsciiLetter(text[position])) letters = false;
                position++;
            }
            if (position == labelStart) break;
            labels++;
            lastLabelLetters = letters && position - labelStart >= 2;
            if (labels >= 2 && lastLabelLetters) domainEnd = position;
            if (position + 1 < text.Length && text[position] == '.' && char.IsAsciiLetterOrDigit(text[position + 1])) position++;
            else break;
        }
        if (domainEnd < 0) return false;
        end = domainEnd;
        return true;
    }

    /// <summary>Reads the number token at <paramref name="at"/> and says what it is; <paramref name="end"/> is where
    /// the token ends (past it when it is rejected, so the caller skips it whole).</summary>
    private static PiiKinds ReadNumber(string text, int at, PiiKinds kinds, out int end)
    {
        end = at + 1;
        var position = at;
        var plus = false;
        if (text[position] == '+')
        {
            plus = true;
            position++;
        }
        Span<int> groups = stackalloc int[MaxGroups];
        var groupCount = 0;
        var digits = 0;
        var parens = false;
        var separators = 0; // bit 0: space, 1: '-', 2: '.'
        var firstDigit = -1;
        Span<char> head = stackalloc char[4];
        var digitsEnd = position;
        while (position < text.Length)
        {
            var open = text[position] == '(';
            if (open)
            {
                if (position + 1 >= text.Length || !char.IsAsciiDigit(text[position + 1])) break;
                parens = true;
                position++;
            }
            if (!char.IsAsciiDigit(text[position])) break;
            var runStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                if (digits < head.Length) head[digits] = text[position];
                if (firstDigit < 0) firstDigit = position;
                digits++;
                position++;
            }
            if (groupCount < MaxGroups) groups[groupCount] = position - runStart;
            groupCount++;
            digitsEnd = position;
            if (open)
            {
                if (position < text.Length && text[position] == ')') position++;
                else break;
                digitsEnd = position;
                if (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '(')) continue;
            }
            if (position + 1 < text.Length && text[position] is ' ' or '-' or '.'
                && (char.IsAsciiDigit(text[position + 1]) || text[position + 1] == '('))
            {
                separators |= text[position] switch { ' ' => 1, '-' => 2, _ => 4 };
                position++;
                continue;
            }
            break;
        }
        if (digits == 0) return PiiKinds.None;
        end = digitsEnd;

        if (Touches(text, at, end)) return PiiKinds.None;

        if ((kinds & PiiKinds.Card) != 0 && !plus && !parens && digits is >= 13 and <= 19
            && (separators is 0 or 1 or 2) && CardPrefix(head) && LuhnOverToken(text, firstDigit, end, digits))
            return PiiKinds.Card;

        if ((kinds & PiiKinds.Phone) == 0) return PiiKinds.None;
        if (plus) return digits is >= 8 and <= 15 ? PiiKinds.Phone : PiiKinds.None;
        if (head[0] == '0' && digits > 1 && head[1] == '0') return digits is >= 10 and <= 17 ? PiiKinds.Phone : PiiKinds.None;
        if (groupCount >= 2)
        {
            if (digits is < 9 or > 13 || (digits == 9 && groupCount < 3) || !PhoneGroups(groups[..Math.Min(groupCount, MaxGroups)], separators))
                return PiiKinds.None;
            return DateShaped(groups[..Math.Min(groupCount, MaxGroups)], separators) ? PiiKinds.None : PiiKinds.Phone;
        }
        if (head[0] == '0' && digits is >= 10 and <= 12) return PiiKinds.Phone;
        return digits is >= 7 and <= 15 && AfterCue(text, at) ? PiiKinds.Phone : PiiKinds.None;
    }

    /// <summary>Whether the token is glued to something that makes it part of a word, link, time, amount or id.</summary>
    private static bool Touches(string text, int start, int end)
    {
        if (start > 0)
        {
            var before = text[start - 1];
            if (char.IsLetterOrDigit(before) || before is '_' or '@' or '/' or '=' or ':' or '#' or '$' or '€' or '£' or '¥' or '&' or '-' or '.' or ',')
                return true;
        }
        if (end < text.Length)
        {
            var after = text[end];
            if (char.IsLetterOrDigit(after) || after is '_' or '@' or '/' or ':' or '%' or '€' or '$' or '£') return true;
            // A decimal or thousands part the token did not take ("1,299.99", "12.5").
            if (after is ',' or '.' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])) return true;
        }
        return false;
    }

    private static bool CardPrefix(ReadOnlySpan<char> head)
    {
        switch (head[0])
        {
            case '3' or '4' or '5' or '6':
                return true;
            case '2':
                var four = (head[1] - '0') * 100 + (head[2] - '0') * 10 + (head[3] - '0') + 2000;
                return four is >= 2221 and <= 2720;
            default:
                return false;
        }
    }

    private static bool LuhnOverToken(string text, int first, int end, int digits)
    {
        Span<char> buffer = stackalloc char[19];
        var n = 0;
        for (var i = first; i < end && n < digits; i++)
            if (char.IsAsciiDigit(text[i])) buffer[n++] = text[i];
        return Luhn.IsValid(buffer[..n]);
    }

    /// <summary>Phone groups: after the first (a country or trunk code may be one digit) at least two digits each
    /// (ISBNs and version numbers have single digits inside); with dots, at most four (decimals have long runs).</summary>
    private static bool PhoneGroups(ReadOnlySpan<int> groups, int separators)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            if (i > 0 && groups[i] < 2) return false;
            if ((separators & 4) != 0 && groups[i] > 4) return false;
        }
        return true;
    }

    private static bool DateShaped(ReadOnlySpan<int> groups, int separators)
    {
        if (groups.Length < 3 || separators == 1) return false; // dates are written with '-', '.' or '/'
        var (a, b, c) = (groups[0], groups[1], groups[2]);
        return (a == 4 && b is 1 or 2 && c is 1 or 2) || (a is 1 or 2 && b is 1 or 2 && c is 2 or 4);
    }

    private static bool AfterCue(string text, int start)
    {
        var from = Math.Max(0, start - CueWindow);
        var window = text.AsSpan(from, start - from);
        foreach (var cue in Cues)
        {
            var index = window.LastIndexOf(cue, StringComparison.OrdinalIgnoreCase);
            if (index >= 0 && (from + index == 0 || !char.IsLetter(text[from + index - 1]))) return true;
        }
        return false;
    }
}
