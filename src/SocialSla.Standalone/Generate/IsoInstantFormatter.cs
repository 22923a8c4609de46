namespace SocialSla.Standalone.Generate;

/// <summary>Formats a millisecond instant as ISO-8601 UTC, byte for byte as NodaTime's <c>InstantPattern.ExtendedIso</c>.</summary>
/// <remarks>
/// <c>yyyy-MM-ddTHH:mm:ss[.fff]Z</c> with the fraction's trailing zeros dropped (and the dot too when it is zero).
/// Years 0001–9999 only. Exists because the pattern is the hot spot of JSONL output.
/// </remarks>
internal static class IsoInstantFormatter
{
    /// <summary>The longest output: <c>2026-11-22T10:15:00.123Z</c>.</summary>
    public const int MaxLength = 24;

    /// <summary>Writes the text as ASCII bytes and returns its length.</summary>
    public static int Format(long unixMs, Span<byte> destination)
    {
        var days = Math.DivRem(unixMs, 86_400_000L, out var msOfDay);
        if (msOfDay < 0) { days--; msOfDay += 86_400_000L; }
        var (year, month, day) = CivilFromDays(days);
        Digits(destination, 0, year, 4);
        destination[4] = (byte)'-';
        Digits(destination, 5, month, 2);
        destination[7] = (byte)'-';
        Digits(destination, 8, day, 2);
        destination[10] = (byte)'T';
        var seconds = (int)(msOfDay / 1000);
        Digits(destination, 11, seconds / 3600, 2);
        destination[13] = (byte)':';
        Digits(destination, 14, seconds / 60 % 60, 2);
        destination[16] = (byte)':';
        Digits(destination, 17, seconds % 60, 2);
        var length = 19;
        var fraction = (int)(msOfDay % 1000);
        if (fraction != 0)
        {
            destination[length++] = (byte)'.';
            var digits = fraction % 100 == 0 ? 1 : fraction % 10 == 0 ? 2 : 3;
            var value = digits == 1 ? fraction / 100 : digits == 2 ? fraction / 10 : fraction;
            Digits(destination, length, value, digits);
            length += digits;
        }
        destination[length++] = (byte)'Z';
        return length;
    }

    private static void Digits(Span<byte> destination, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).</summary>
    private static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        var z = days + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var mp = (5 * dayOfYear + 2) / 153;
        var day = dayOfYear - (153 * mp + 2) / 5 + 1;
        var month = mp < 10 ? mp + 3 : mp - 9;
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return ((int)year, (int)month, (int)day);
    }
}
