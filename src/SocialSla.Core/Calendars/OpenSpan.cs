using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace SocialSla.Core.Calendars;

/// <summary>One half-open span <c>[Start, End)</c> of open local time within a day, e.g. <c>09:00-17:30</c>.</summary>
/// <remarks>
/// <para><see cref="End"/> equal to <see cref="LocalTime.Midnight"/> means 24:00, the end of the day, so
/// <c>00:00-24:00</c> is the whole day. A span never crosses midnight: write a night shift as two spans on two days
/// (<c>mon 22:00-24:00; tue 00:00-06:00</c>); the calendar joins them without a gap.</para>
/// <para>Equality is exact on both bounds. The default value is <c>00:00-24:00</c> (the whole day).</para>
/// </remarks>
public readonly record struct OpenSpan
{
    private static readonly LocalTimePattern ShortPattern = LocalTimePattern.CreateWithInvariantCulture("H:mm");
    private static readonly LocalTimePattern LongPattern = LocalTimePattern.CreateWithInvariantCulture("H:mm:ss.FFFFFFFFF");

    /// <summary>Creates a span from its local start (inclusive) and end (exclusive; midnight means 24:00).</summary>
    /// <exception cref="ArgumentException"><paramref name="start"/> is not before <paramref name="end"/> (with midnight as end read as 24:00).</exception>
    public OpenSpan(LocalTime start, LocalTime end)
    {
        var endNanos = end == LocalTime.Midnight ? NodaConstants.NanosecondsPerDay : end.NanosecondOfDay;
        if (start.NanosecondOfDay >= endNanos)
        {
            throw new ArgumentException(
                $"An open span must start before it ends; got start {Format(start)} and end {Format(end)}.", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>The first open local time of the span (inclusive).</summary>
    public LocalTime Start { get; }

    /// <summary>The local time the span closes (exclusive); <see cref="LocalTime.Midnight"/> means 24:00.</summary>
    public LocalTime End { get; }

    /// <summary>The start as nanoseconds since local midnight.</summary>
    internal long StartNanoseconds => Start.NanosecondOfDay;

    /// <summary>The end as nanoseconds since local midnight, 24:00 being <see cref="NodaConstants.NanosecondsPerDay"/>.</summary>
    internal long EndNanoseconds => End == LocalTime.Midnight ? NodaConstants.NanosecondsPerDay : End.NanosecondOfDay;

    /// <summary>Whether the span runs to the end of the day (24:00).</summary>
    internal bool EndsAtMidnight => End == LocalTime.Midnight;

    /// <summary>Parses <c>HH:mm-HH:mm</c> (seconds and fractions optional, e.g. <c>09:00-17:30</c>, <c>00:00-24:00</c>).</summary>
    /// <exception cref="FormatException">The text is not a valid span; the message says why.</exception>
    public static OpenSpan Parse(string text) =>
        TryParse(text, out var span, out var error) ? span : throw new FormatException(error);

    /// <summary>Tries to parse <c>HH:mm-HH:mm</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out OpenSpan span) => TryParse(text, out span, out _);

    /// <summary>Tries to parse <c>HH:mm-HH:mm</c>, giving the reason on failure.</summary>
    internal static bool TryParse([NotNullWhen(true)] string? text, out OpenSpan span, [NotNullWhen(false)] out string? error)
    {
        span = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "An open span must not be empty; expected HH:mm-HH:mm, e.g. 09:00-17:30.";
            return false;
        }

        var parts = text.Split('-');
        if (parts.Length != 2)
        {
            error = $"'{text}' is not an open span; expected HH:mm-HH:mm, e.g. 09:00-17:30.";
            return false;
        }

        if (!TryParseTime(parts[0].Trim(), allow24: false, out var start, out error)
            || !TryParseTime(parts[1].Trim(), allow24: true, out var end, out error))
        {
            error = $"'{text}' is not an open span: {error}";
            return false;
        }

        var endNanos = end == LocalTime.Midnight ? NodaConstants.NanosecondsPerDay : end.NanosecondOfDay;
        if (start.NanosecondOfDay >= endNanos)
        {
            error = $"'{text}' is not an open span: the start must be before the end (spans cannot cross midnight; split them at 24:00).";
            return false;
        }

        span = new OpenSpan(start, end);
        error = null;
        return true;
    }

    private static bool TryParseTime(string text, bool allow24, out LocalTime time, [NotNullWhen(false)] out string? error)
    {
        time = default;
        error = null;
        if (text is "24:00" or "24:00:00")
        {
            if (allow24) return true;
            error = "24:00 can only end a span.";
            return false;
        }

        var result = ShortPattern.Parse(text);
        if (!result.Success) result = LongPattern.Parse(text);
        if (result.Success)
        {
            time = result.Value;
            return true;
        }

        error = $"'{text}' is not a time of day (HH:mm, 00:00 to 23:59, or 24:00 as an end).";
        return false;
    }

    private static string Format(LocalTime time) =>
        time.NanosecondOfDay % NodaConstants.NanosecondsPerMinute == 0
            ? time.ToString("HH:mm", CultureInfo.InvariantCulture)
            : time.ToString("HH:mm:ss.FFFFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>Formats the span as <c>HH:mm-HH:mm</c> (with seconds when needed), writing the end of day as 24:00.</summary>
    public override string ToString() => $"{Format(Start)}-{(End == LocalTime.Midnight ? "24:00" : Format(End))}";
}
