using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace SocialSla.Core.Sla;

/// <summary>Reads and writes durations as short text: <c>15m</c>, <c>1h</c>, <c>1h30m</c>, <c>90s</c>, <c>3d</c>.</summary>
/// <remarks>Units: d, h, m, s (case-insensitive), each at most once, largest first; a plain number is not accepted.</remarks>
public static class DurationText
{
    /// <summary>Parses a duration.</summary>
    /// <exception cref="FormatException">The text is not a duration of that form.</exception>
    public static Duration Parse(string text) =>
        TryParse(text, out var value, out var reason) ? value : throw new FormatException(reason);

    /// <summary>Tries to parse a duration; <paramref name="reason"/> says why when it fails.</summary>
    public static bool TryParse(string? text, out Duration value, [NotNullWhen(false)] out string? reason)
    {
        value = Duration.Zero;
        reason = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "A duration must not be empty (write e.g. 15m, 1h, 1h30m).";
            return false;
        }
        var span = text.AsSpan().Trim();
        var lastRank = int.MaxValue;
        long totalSeconds = 0;
        var i = 0;
        while (i < span.Length)
        {
            var start = i;
            while (i < span.Length && char.IsAsciiDigit(span[i])) i++;
            if (i == start || i == span.Length)
            {
                reason = $"'{text}' is not a duration: write a number followed by d, h, m or s (e.g. 15m, 1h30m).";
                return false;
            }
            if (!long.TryParse(span[start..i], out var number) || number > 1_000_000)
            {
                reason = $"'{text}' is too large a duration.";
                return false;
            }
            var (rank, seconds) = char.ToLowerInvariant(span[i]) switch
            {
                'd' => (4, 86_400L),
                'h' => (3, 3_600L),
                'm' => (2, 60L),
                's' => (1, 1L),
                _ => (0, 0L),
            };
            if (rank == 0 || rank >= lastRank)
            {
                reason = $"'{text}' is not a duration: units are d, h, m, s, each once, largest first.";
                return false;
            }
            lastRank = rank;
            totalSeconds += number * seconds;
            i++;
        }
        value = Duration.FromSeconds(totalSeconds);
        return true;
    }

    /// <summary>Formats a whole-second duration in the same short form (e.g. <c>1h30m</c>; zero is <c>0s</c>).</summary>
    public static string Format(Duration duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds == 0) return "0s";
        var sign = seconds < 0 ? "-" : "";
        seconds = Math.Abs(seconds);
        var text = new System.Text.StringBuilder(sign);
        foreach (var (unit, size) in new[] { ('d', 86_400L), ('h', 3_600L), ('m', 60L), ('s', 1L) })
        {
            if (seconds >= size)
            {
                text.Append(seconds / size).Append(unit);
                seconds %= size;
            }
        }
        return text.ToString();
    }
}
