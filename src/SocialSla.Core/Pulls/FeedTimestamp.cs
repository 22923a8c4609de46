using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace SocialSla.Core.Pulls;

/// <summary>Reads the timestamps feeds and APIs use: RFC 822/1123 (<c>Mon, 02 Mar 2026 15:10:00 +0000</c>) and ISO 8601 / RFC 3339.</summary>
/// <remarks>RFC 822 accepts an optional day name, one- or two-digit days, two- or four-digit years (two-digit years
/// are 19xx from 50, else 20xx), optional seconds, and zones <c>+hhmm</c>/<c>-hhmm</c>, <c>UT</c>, <c>UTC</c>,
/// <c>GMT</c>, <c>Z</c> and the US zones (<c>EST</c> … <c>PDT</c>). Pure and thread-safe.</remarks>
internal static class FeedTimestamp
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly OffsetDateTimePattern Iso = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>");
    private static readonly OffsetDateTimePattern IsoNoSeconds = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>");

    /// <summary>Parses either form.</summary>
    public static bool TryParse(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        return TryParseIso(text, out instant) || TryParseRfc822(text, out instant);
    }

    /// <summary>Parses an ISO 8601 / RFC 3339 date-time with <c>Z</c> or an offset.</summary>
    public static bool TryParseIso(string text, out Instant instant)
    {
        var normalised = text.Replace('t', 'T').Replace('z', 'Z');
        var result = Iso.Parse(normalised);
        if (!result.Success) result = IsoNoSeconds.Parse(normalised);
        instant = result.Success ? result.Value.ToInstant() : default;
        return result.Success;
    }

    /// <summary>Parses an RFC 822 / RFC 1123 date-time.</summary>
    public static bool TryParseRfc822(string text, out Instant instant)
    {
        instant = default;
        var parts = text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        if (parts.Length > 0 && char.IsAsciiLetter(parts[0][0])) i = 1; // the optional day name
        if (parts.Length - i < 4) return false;
        if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var day)) return false;
        var month = Array.IndexOf(Months, parts[i + 1].ToLowerInvariant()[..Math.Min(3, parts[i + 1].Length)]) + 1;
        if (month == 0 || parts[i + 1].Length < 3) return false;
        if (!int.TryParse(parts[i + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        if (parts[i + 2].Length == 2) year += year >= 50 ? 1900 : 2000;
        else if (parts[i + 2].Length != 4) return false;
        var clock = parts[i + 3].Split(':');
        if (clock.Length is < 2 or > 3) return false;
        if (!int.TryParse(clock[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) ||
            !int.TryParse(clock[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
            return false;
        var second = 0;
        if (clock.Length == 3 && !int.TryParse(clock[2], NumberStyles.None, CultureInfo.InvariantCulture, out second)) return false;
        var zone = parts.Length > i + 4 ? parts[i + 4] : "GMT";
        if (!TryOffset(zone, out var offset)) return false;
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 60 || year < 1)
            return false;
        second = Math.Min(second, 59); // a leap second reads as :59
        instant = new LocalDateTime(year, month, day, hour, minute, second).WithOffset(offset).ToInstant();
        return true;
    }

    private static bool TryOffset(string zone, out Offset offset)
    {
        offset = Offset.Zero;
        switch (zone.ToUpperInvariant())
        {
            case "UT" or "UTC" or "GMT" or "Z": return true;
            case "EST": offset = Offset.FromHours(-5); return true;
            case "EDT": offset = Offset.FromHours(-4); return true;
            case "CST": offset = Offset.FromHours(-6); return true;
            case "CDT": offset = Offset.FromHours(-5); return true;
            case "MST": offset = Offset.FromHours(-7); return true;
            case "MDT": offset = Offset.FromHours(-6); return true;
            case "PST": offset = Offset.FromHours(-8); return true;
            case "PDT": offset = Offset.FromHours(-7); return true;
        }
        if (zone.Length != 5 || zone[0] is not ('+' or '-')) return false;
        if (!int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours) ||
            !int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ||
            hours > 18 || minutes > 59)
            return false;
        var seconds = (hours * 3600 + minutes * 60) * (zone[0] == '-' ? -1 : 1);
        offset = Offset.FromSeconds(seconds);
        return true;
    }
}
