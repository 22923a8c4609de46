using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Alerts;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Cases;

/// <summary>The case list's and the case detail's JSON, the same from both hosts: a <see cref="CaseSummary"/>'s fields
/// and a clock's (README: <c>GET /api/cases</c>, <c>GET /api/cases/{id}</c>).</summary>
public static class CaseSummaryJson
{
    /// <summary>Writes the summary's fields into the current JSON object; <c>secondsToNextThreshold</c> counts from
    /// <paramref name="now"/>.</summary>
    public static void WriteFields(Utf8JsonWriter json, CaseSummary summary, Instant now)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(summary);
        json.WriteString("id", summary.Id);
        json.WriteString("account", summary.Account);
        json.WriteString("channel", summary.Channel);
        json.WriteString("priority", summary.Priority);
        json.WriteString("status", summary.Status);
        if (summary.OpenedAt is { } opened) json.WriteString("openedAt", Format(opened));
        if (summary.ClosedAt is { } closed) json.WriteString("closedAt", Format(closed));
        if (summary.NextThresholdAt is { } next)
        {
            json.WriteString("nextThresholdAt", Format(next));
            json.WriteNumber("secondsToNextThreshold", Math.Round((next - now).TotalSeconds, 3));
        }
        if (summary.NextThreshold is { } level) json.WriteString("nextThreshold", AlertId.LevelName(level));
        json.WriteString("urgency", UrgencyName(summary.Urgency));
        if (summary.CustomerHandle is { } handle) json.WriteString("customerHandle", handle);
        if (summary.Link is { } link) json.WriteString("link", link);
        json.WriteString("excerpt", summary.Excerpt);
        json.WriteStartObject("sentiment");
        json.WriteNumber("score", Math.Round(summary.Sentiment.Score, 3));
        json.WriteString("label", LabelName(summary.Sentiment.Label));
        if (summary.SentimentTrack.Count > 0)
        {
            // Stored by triage: the first and latest customer message's label and the score change between them.
            json.WriteString("first", LabelName(summary.SentimentTrack.First.Label));
            json.WriteString("last", LabelName(summary.SentimentTrack.Last.Label));
            json.WriteNumber("scoreChange", Math.Round(summary.SentimentTrack.Last.Score - summary.SentimentTrack.First.Score, 3));
            json.WriteNumber("messages", summary.SentimentTrack.Count);
        }
        json.WriteEndObject();
        json.WriteStartArray("tags");
        foreach (var tag in summary.Tags) json.WriteStringValue(tag);
        json.WriteEndArray();
        if (summary.Queue is { } queue) json.WriteString("queue", queue);
        else json.WriteNull("queue");
        json.WriteStartArray("priorityReasons");
        foreach (var reason in ReasonNames(summary.PriorityReasons)) json.WriteStringValue(reason);
        json.WriteEndArray();
    }

    /// <summary>Writes one clock of the case detail as a JSON object.</summary>
    public static void WriteClock(Utf8JsonWriter json, ClockStatus clock)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(clock);
        json.WriteStartObject();
        json.WriteString("clock", AlertId.ClockName(clock.Kind));
        json.WriteNumber("sequence", clock.Sequence);
        json.WriteString("state", clock.State.ToString().ToLowerInvariant());
        json.WriteString("startedAt", Format(clock.StartedAt));
        if (clock.StoppedAt is { } stopped) json.WriteString("stoppedAt", Format(stopped));
        json.WriteNumber("targetSeconds", clock.Target.TotalSeconds);
        if (clock.DueAt is { } due) json.WriteString("dueAt", Format(due));
        json.WriteNumber("elapsedSeconds", Math.Round(clock.Elapsed.TotalSeconds, 3));
        if (clock.NextThreshold is { } level) json.WriteString("nextThreshold", AlertId.LevelName(level));
        if (clock.NextThresholdAt is { } at) json.WriteString("nextThresholdAt", Format(at));
        json.WriteEndObject();
    }

    /// <summary>The names of the reasons set in <paramref name="reasons"/>, camelCase, in flag order.</summary>
    public static IReadOnlyList<string> ReasonNames(PriorityReasons reasons)
    {
        var names = new List<string>();
        foreach (var flag in Enum.GetValues<PriorityReasons>())
        {
            if (flag != PriorityReasons.None && reasons.HasFlag(flag)) names.Add(JsonNamingPolicy.CamelCase.ConvertName(flag.ToString()));
        }
        return names;
    }

    /// <summary>The wire name of an urgency (<c>running</c>, <c>warning</c>, <c>atRisk</c>, <c>breached</c>, <c>paused</c>, <c>idle</c>).</summary>
    public static string UrgencyName(CaseUrgency urgency) => JsonNamingPolicy.CamelCase.ConvertName(urgency.ToString());

    private static string LabelName(SentimentLabel label) => label.ToString().ToLowerInvariant();

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
