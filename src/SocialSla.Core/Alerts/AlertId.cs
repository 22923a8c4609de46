using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Cases;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Alerts;

/// <summary>The identity of an alert: its case and <see cref="AlertKey"/>, written <c>case/clock.sequence/level</c>.</summary>
/// <remarks>Deterministic, so a replayed event or a redelivery produces the same id and receivers can dedupe.
/// The default value is not valid.</remarks>
public readonly record struct AlertId(CaseId Case, AlertKey Key)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Case.Value}/{ClockName(Key.Clock)}.{Key.Sequence}/{LevelName(Key.Level)}";

    /// <summary>Parses the text form.</summary>
    /// <exception cref="FormatException">The text is not an alert id.</exception>
    public static AlertId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an alert id of the form case/clock.sequence/level.");

    /// <summary>Tries to parse the text form.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AlertId id)
    {
        id = default;
        if (text is null) return false;
        var levelSlash = text.LastIndexOf('/');
        if (levelSlash <= 0) return false;
        var clockSlash = text.LastIndexOf('/', levelSlash - 1);
        if (clockSlash <= 0) return false;
        var clockPart = text.AsSpan(clockSlash + 1, levelSlash - clockSlash - 1);
        var dot = clockPart.IndexOf('.');
        if (dot <= 0) return false;
        if (!TryClock(clockPart[..dot], out var clock) || !int.TryParse(clockPart[(dot + 1)..], out var sequence) || sequence < 0) return false;
        if (!TryLevel(text.AsSpan(levelSlash + 1), out var level)) return false;
        if (!CaseId.TryParse(text[..clockSlash], out var caseId)) return false;
        id = new AlertId(caseId, new AlertKey(clock, sequence, level));
        return true;
    }

    /// <summary>The wire name of a clock kind (<c>firstReply</c>, <c>nextReply</c>, <c>resolution</c>, <c>replyWindow</c>).</summary>
    public static string ClockName(ClockKind clock) => clock switch
    {
        ClockKind.FirstReply => "firstReply",
        ClockKind.NextReply => "nextReply",
        ClockKind.Resolution => "resolution",
        ClockKind.ReplyWindow => "replyWindow",
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "Not a defined clock."),
    };

    /// <summary>The wire name of a threshold level (<c>warning</c>, <c>atRisk</c>, <c>breached</c>, <c>windowClosing</c>).</summary>
    public static string LevelName(ThresholdLevel level) => level switch
    {
        ThresholdLevel.Warning => "warning",
        ThresholdLevel.AtRisk => "atRisk",
        ThresholdLevel.Breached => "breached",
        ThresholdLevel.WindowClosing => "windowClosing",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a defined level."),
    };

    private static bool TryClock(ReadOnlySpan<char> name, out ClockKind clock)
    {
        foreach (var candidate in Enum.GetValues<ClockKind>())
        {
            if (name.SequenceEqual(ClockName(candidate))) { clock = candidate; return true; }
        }
        clock = default;
        return false;
    }

    private static bool TryLevel(ReadOnlySpan<char> name, out ThresholdLevel level)
    {
        foreach (var candidate in Enum.GetValues<ThresholdLevel>())
        {
            if (name.SequenceEqual(LevelName(candidate))) { level = candidate; return true; }
        }
        level = default;
        return false;
    }
}
