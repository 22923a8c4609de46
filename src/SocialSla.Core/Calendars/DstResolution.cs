namespace SocialSla.Core.Calendars;

/// <summary>The named policy that turns a span bound (a local date and time) into an instant when the local time falls in a DST gap or overlap.</summary>
/// <remarks>
/// <para>Both policies map a local time that does not exist (inside a spring-forward gap) to the first instant after
/// the gap, so a span <c>02:30-05:00</c> on a day when 02:00 jumps to 03:00 opens at 03:00. A span lying wholly inside
/// the gap is empty that day. They differ only for a local time that occurs twice (inside a fall-back overlap).</para>
/// <para>Both are monotonic: a later local time never maps to an earlier instant, so spans stay ordered, adjacent
/// spans (including <c>… -24:00</c> followed by <c>00:00- …</c> on the next day) stay joined, and no phantom closed
/// time appears at midnight or on DST days. Bounds at 00:00 and 24:00 are resolved the same way as any other bound,
/// so a day whose midnight is skipped starts at the first instant after the gap.</para>
/// </remarks>
public enum DstResolution
{
    /// <summary>The default: a bound in a gap maps to the first instant after the gap; an ambiguous bound maps to the earlier of its two instants.</summary>
    ShiftToAfterGapEarlierOfOverlap = 0,

    /// <summary>A bound in a gap maps to the first instant after the gap; an ambiguous bound maps to the later of its two instants.</summary>
    ShiftToAfterGapLaterOfOverlap = 1,
}
