using NodaTime;

namespace SocialSla.Core.Import;

/// <summary>Parses X's (Twitter's) classic time stamp, <c>Wed May 02 16:14:43 +0000 2018</c>, without allocating.</summary>
/// <remarks>
/// The layout is fixed: weekday, month, two-digit day, <c>HH:mm:ss</c>, a <c>±hhmm</c> offset and a four-digit year,
/// separated by single spaces. The weekday must be one of the seven English abbreviations but need not match the
/// date (some exports get it wrong); the date itself must exist.
/// </remarks>
internal static class TwitterTimestamp
{
    /// <summary>An example of the accepted layout, for error messages.</summary>
    public const string Example = "Wed May 02 16:14:43 +0000 2018";

    private const string Weekdays = "MonTueWedThuFriSatSun";
    private const string Months = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /// <summary>Tries to parse a time stamp.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out Instant instant)
    {
        instant = default;
        // "Wed May 02 16:14:43 +0000 2018"
        //  0123456789012345678901234567890
        if (s.Length != 30) return false;
        if (s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[13] != ':' || s[16] != ':' || s[19] != ' ' || s[25] != ' ')
            return false;
        if (IndexOfTriple(Weekdays, s[..3]) < 0) return false;
        var monthIndex = IndexOfTriple(Months, s.Slice(4, 3));
        if (monthIndex < 0) return false;
        if (!TwoDigits(s, 8, out var day) || !TwoDigits(s, 11, out var hour) || !TwoDigits(s, 14, out var minute)
            || !TwoDigits(s, 17, out var second))
            return false;
        var sign = s[20];
        if (sign != '+' && sign != '-') return false;
        if (!TwoDigits(s, 21, out var offsetHours) || !TwoDigits(s, 23, out var offsetMinutes)) return false;
        if (!TwoDigits(s, 26, out var century) || !TwoDigits(s, 28, out var yearOfCentury)) return false;
        var year = century * 100 + yearOfCentury;
        var month = monthIndex + 1;
        if (year < 1 || day < 1 || day > DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 59 || offsetHours > 18 || offsetMinutes > 59) return false;

        var offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == '-' ? -1 : 1);
        var seconds = DaysFromCivil(year, month, day) * 86400L + hour * 3600 + minute * 60 + second - offsetSeconds;
        instant = Instant.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static int IndexOfTriple(string names, ReadOnlySpan<char> triple)
    {
        for (var i = 0; i < names.Length; i += 3)
        {
            if (names[i] == triple[0] && names[i + 1] == triple[1] && names[i + 2] == triple[2]) return i / 3;
        }
        return -1;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, int at, out int value)
    {
        var tens = (uint)(s[at] - '0');
        var ones = (uint)(s[at + 1] - '0');
        value = (int)(tens * 10 + ones);
        return tens <= 9 && ones <= 9;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), for year >= 1.
    private static long DaysFromCivil(int year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = y / 400;
        var yearOfEra = y - era * 400;
        var dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097L + dayOfEra - 719468;
    }
}
