using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using NodaTime;

namespace SocialSla.Core.Calendars;

/// <summary>The open hours of a week: per ISO day of week, an ordered list of non-overlapping <see cref="OpenSpan"/>s.</summary>
/// <remarks>
/// <para>Split shifts are several spans on one day (<c>09:00-12:00,13:00-17:00</c>). Spans given for the same day that
/// overlap or touch are merged, so <c>09:00-12:00,12:00-17:00</c> is one span <c>09:00-17:00</c>. Days without spans
/// are closed.</para>
/// <para>Text form (<see cref="Parse"/>): clauses separated by <c>;</c>, each a day set, white space, and comma-separated
/// spans, e.g. <c>mon-fri 09:00-12:00,13:00-17:30; sat 10:00-14:00</c>. Day names are <c>mon</c> to <c>sun</c>
/// (case-insensitive). A day set is a comma-separated list of days and ranges (<c>mon,wed,fri</c>, <c>mon-wed,fri</c>);
/// a range may wrap around the week end: <c>fri-mon</c> is Friday, Saturday, Sunday and Monday. Days named in several
/// clauses get the union of their spans.</para>
/// <para>Immutable and thread-safe. Equality is by value: the same merged spans on every day.</para>
/// </remarks>
public sealed class WeeklyHours : IEquatable<WeeklyHours>
{
    private static readonly string[] DayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    // Index 0 is unused; 1..7 are IsoDayOfWeek.Monday..Sunday.
    private readonly OpenSpan[][] spans;
    private readonly ReadOnlyCollection<OpenSpan>[] views;

    /// <summary>Creates weekly hours from (day, span) pairs; spans of one day that overlap or touch are merged.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spans"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A day is not Monday to Sunday (e.g. <see cref="IsoDayOfWeek.None"/>).</exception>
    public WeeklyHours(IEnumerable<(IsoDayOfWeek Day, OpenSpan Span)> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var perDay = new List<OpenSpan>[8];
        foreach (var (day, span) in spans)
        {
            if (day < IsoDayOfWeek.Monday || day > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentOutOfRangeException(nameof(spans), day, "A day of week must be Monday to Sunday.");
            }

            (perDay[(int)day] ??= []).Add(span);
        }

        this.spans = new OpenSpan[8][];
        views = new ReadOnlyCollection<OpenSpan>[8];
        long weekly = 0;
        for (var d = 0; d < 8; d++)
        {
            this.spans[d] = perDay[d] is { } list ? Merge(list) : [];
            views[d] = Array.AsReadOnly(this.spans[d]);
            foreach (var s in this.spans[d]) weekly += s.EndNanoseconds - s.StartNanoseconds;
        }

        NominalWeeklyOpenTime = Duration.FromNanoseconds(weekly);
        IsAlwaysOpen = NominalWeeklyOpenTime == Duration.FromDays(7);
    }

    /// <summary>Open all day every day: <c>00:00-24:00</c> from Monday to Sunday.</summary>
    public static WeeklyHours AlwaysOpen { get; } =
        new(Enumerable.Range(1, 7).Select(d => ((IsoDayOfWeek)d, new OpenSpan(LocalTime.Midnight, LocalTime.Midnight))));

    /// <summary>Whether every day is open from 00:00 to 24:00.</summary>
    public bool IsAlwaysOpen { get; }

    /// <summary>Whether no day has any open span.</summary>
    public bool IsEmpty => NominalWeeklyOpenTime == Duration.Zero;

    /// <summary>The open local time of one week, ignoring time zones (a week without DST change or holiday).</summary>
    internal Duration NominalWeeklyOpenTime { get; }

    /// <summary>The ordered, non-overlapping open spans of a day of week (empty when the day is closed).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="day"/> is not Monday to Sunday.</exception>
    public IReadOnlyList<OpenSpan> For(IsoDayOfWeek day)
    {
        if (day < IsoDayOfWeek.Monday || day > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "A day of week must be Monday to Sunday.");
        }

        return views[(int)day];
    }

    /// <summary>The spans of a day of week as an array, for the calendar's hot loops (not to be modified).</summary>
    internal OpenSpan[] SpansOf(IsoDayOfWeek day) => spans[(int)day];

    /// <summary>Parses weekly hours such as <c>mon-fri 09:00-12:00,13:00-17:30; sat 10:00-14:00</c>.</summary>
    /// <exception cref="FormatException">The text is not valid weekly hours; the message says where and why.</exception>
    public static WeeklyHours Parse(string text) =>
        TryParse(text, out var hours, out var error) ? hours : throw new FormatException(error);

    /// <summary>Tries to parse weekly hours, giving the reason on failure.</summary>
    /// <param name="text">The text, e.g. <c>mon-fri 09:00-17:00</c>.</param>
    /// <param name="hours">The parsed hours, or null on failure.</param>
    /// <param name="error">Why the text is invalid, or null on success.</param>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out WeeklyHours? hours,
        [NotNullWhen(false)] out string? error)
    {
        hours = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Weekly hours must not be empty; expected e.g. 'mon-fri 09:00-17:00'.";
            return false;
        }

        var pairs = new List<(IsoDayOfWeek, OpenSpan)>();
        var clauses = text.Split(';');
        for (var i = 0; i < clauses.Length; i++)
        {
            var clause = clauses[i].Trim();
            if (clause.Length == 0)
            {
                if (i == clauses.Length - 1 && i > 0) continue; // one trailing ';' is tolerated
                error = $"Weekly hours '{text}': clause {i + 1} is empty.";
                return false;
            }

            var space = clause.IndexOfAny([' ', '\t']);
            if (space < 0)
            {
                error = $"Weekly hours '{text}': clause '{clause}' needs days and spans separated by a space, e.g. 'mon-fri 09:00-17:00'.";
                return false;
            }

            if (!TryParseDays(clause[..space], out var days, out var dayError))
            {
                error = $"Weekly hours '{text}': clause '{clause}': {dayError}";
                return false;
            }

            foreach (var part in clause[(space + 1)..].Split(','))
            {
                if (!OpenSpan.TryParse(part.Trim(), out var span, out var spanError))
                {
                    error = $"Weekly hours '{text}': clause '{clause}': {spanError}";
                    return false;
                }

                foreach (var day in days) pairs.Add((day, span));
            }
        }

        hours = new WeeklyHours(pairs);
        error = null;
        return true;
    }

    private static bool TryParseDays(string text, out List<IsoDayOfWeek> days, [NotNullWhen(false)] out string? error)
    {
        days = [];
        foreach (var item in text.Split(','))
        {
            var dash = item.IndexOf('-');
            var first = dash < 0 ? item : item[..dash];
            var last = dash < 0 ? item : item[(dash + 1)..];
            if (!TryParseDay(first, out var from) || !TryParseDay(last, out var to))
            {
                error = $"'{item}' is not a day or day range; use mon, tue, wed, thu, fri, sat, sun or a range like mon-fri.";
                return false;
            }

            // Walk forward from 'from' to 'to', wrapping after Sunday (fri-mon = fri, sat, sun, mon).
            for (var d = from; ; d = d == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : d + 1)
            {
                if (!days.Contains(d)) days.Add(d);
                if (d == to) break;
            }
        }

        error = null;
        return true;
    }

    private static bool TryParseDay(string text, out IsoDayOfWeek day)
    {
        var index = Array.FindIndex(DayNames, n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        day = (IsoDayOfWeek)(index + 1);
        return index >= 0;
    }

    private static OpenSpan[] Merge(List<OpenSpan> list)
    {
        list.Sort((a, b) => a.StartNanoseconds.CompareTo(b.StartNanoseconds));
        var merged = new List<OpenSpan>(list.Count);
        var current = list[0];
        for (var i = 1; i < list.Count; i++)
        {
            var next = list[i];
            if (next.StartNanoseconds <= current.EndNanoseconds)
            {
                if (next.EndNanoseconds > current.EndNanoseconds) current = new OpenSpan(current.Start, next.End);
            }
            else
            {
                merged.Add(current);
                current = next;
            }
        }

        merged.Add(current);
        return [.. merged];
    }

    /// <inheritdoc/>
    public bool Equals(WeeklyHours? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        for (var d = 1; d < 8; d++)
        {
            if (!spans[d].AsSpan().SequenceEqual(other.spans[d])) return false;
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WeeklyHours);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var d = 1; d < 8; d++)
        {
            hash.Add(d);
            foreach (var s in spans[d]) hash.Add(s);
        }

        return hash.ToHashCode();
    }

    /// <summary>Formats the hours in the <see cref="Parse"/> form, grouping consecutive days with equal spans (<c>mon-fri …</c>); empty hours give an empty string.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var d = 1;
        while (d < 8)
        {
            if (spans[d].Length == 0)
            {
                d++;
                continue;
            }

            var last = d;
            while (last + 1 < 8 && spans[last + 1].AsSpan().SequenceEqual(spans[d])) last++;
            if (text.Length > 0) text.Append("; ");
            text.Append(DayNames[d - 1]);
            if (last > d) text.Append('-').Append(DayNames[last - 1]);
            text.Append(' ').AppendJoin(',', spans[d]);
            d = last + 1;
        }

        return text.ToString();
    }
}
