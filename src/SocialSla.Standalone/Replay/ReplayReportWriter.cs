using System.Globalization;
using System.Text;
using System.Text.Json;
using SocialSla.Core.Alerts;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Triage;
using SocialSla.Core.Spikes;
using NodaTime.Text;
using SocialSla.Standalone.Kpis;

namespace SocialSla.Standalone.Replay;

/// <summary>Writes a replay's KPI report as readable text or as one JSON object.</summary>
internal static class ReplayReportWriter
{
    private static readonly ClockKind[] ReportedClocks = [ClockKind.FirstReply, ClockKind.NextReply, ClockKind.Resolution, ClockKind.ReplyWindow];

    public static void WriteJson(Stream output, ReplayResult result)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        KpiJsonWriter.WriteFields(json, result.Total);

        WriteBreakdown(json, "brands", Brands(result));
        if (result.ByQueue is { } queues) WriteBreakdown(json, "byQueue", queues.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        if (result.ByTag is { } tags) WriteBreakdown(json, "byTag", tags.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));

        if (result.Triage is { } triage) WriteTriage(json, triage);
        if (result.Spikes is { } spikes) SpikeJsonWriter.Write(json, spikes.EvaluatedAt, spikes.Streams, spikes.Alerts);

        json.WriteStartObject("input");
        json.WriteNumber("rows", result.Rows);
        json.WriteNumber("skipped", result.Skipped);
        json.WriteNumber("duplicates", result.Duplicates);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static readonly (NoiseReasons Reason, string Name)[] NoiseNames =
    [
        (NoiseReasons.LinkSpam, "linkSpam"), (NoiseReasons.Promotion, "promotion"), (NoiseReasons.NearDuplicate, "nearDuplicate"),
        (NoiseReasons.BotAuthor, "botAuthor"), (NoiseReasons.OffBrand, "offBrand"),
    ];

    private static readonly Priority[] Priorities = [Priority.Low, Priority.Normal, Priority.High, Priority.Urgent];

    private static readonly SentimentLabel[] Labels = [SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive, SentimentLabel.Unknown];

    private static void WriteTriage(Utf8JsonWriter json, TriageTally triage)
    {
        json.WriteStartObject("triage");
        json.WriteNumber("mentions", triage.Messages);
        json.WriteNumber("actionable", triage.Actionable);
        json.WriteNumber("noise", triage.Noise);
        json.WriteStartObject("noiseReasons");
        foreach (var (reason, name) in NoiseNames) json.WriteNumber(name, triage.NoiseFor(reason));
        json.WriteEndObject();
        json.WriteStartObject("priority");
        foreach (var priority in Priorities) json.WriteNumber(priority.ToString().ToLowerInvariant(), triage.WithPriority(priority));
        json.WriteEndObject();
        json.WriteStartObject("sentiment");
        foreach (var label in Labels) json.WriteNumber(LabelName(label), triage.WithSentiment(label));
        json.WriteEndObject();
        json.WriteStartObject("sentimentChange");
        json.WriteNumber("cases", triage.CasesCompared);
        json.WriteNumber("improved", triage.CasesImproved);
        json.WriteNumber("worsened", triage.CasesWorsened);
        json.WriteNumber("unchanged", triage.CasesUnchanged);
        KpiJsonWriter.WriteNumber(json, "meanScoreChange", triage.MeanScoreChange is { } mean ? Math.Round(mean, 4) : null);
        json.WriteEndObject();
        json.WriteStartObject("queues");
        foreach (var (queue, count) in triage.Queues.OrderBy(q => q.Key, StringComparer.Ordinal)) json.WriteNumber(queue, count);
        json.WriteEndObject();
        json.WriteStartObject("tags");
        foreach (var (tag, count) in triage.Tags.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase)) json.WriteNumber(tag, count);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string LabelName(SentimentLabel label) => label.ToString().ToLowerInvariant();

    private static void AppendTriage(StringBuilder text, TriageTally triage)
    {
        var c = CultureInfo.InvariantCulture;
        var reasons = string.Join(", ", NoiseNames.Select(n => $"{n.Name} {triage.NoiseFor(n.Reason):N0}"));
        text.AppendLine(c, $"Triage       {triage.Messages:N0} customer messages: {triage.Actionable:N0} actionable, {triage.Noise:N0} noise ({reasons})");
        text.AppendLine(c, $"  priority   {string.Join(", ", Priorities.Select(p => $"{p.ToString().ToLowerInvariant()} {triage.WithPriority(p):N0}"))}");
        text.AppendLine(c, $"  sentiment  {string.Join(", ", Labels.Select(l => $"{LabelName(l)} {triage.WithSentiment(l):N0}"))}");
        var mean = triage.MeanScoreChange is { } m ? m.ToString("+0.000;-0.000;0.000", c) : "–";
        text.AppendLine(c, $"  change     {triage.CasesCompared:N0} cases compared (first to last customer message): {triage.CasesImproved:N0} improved, {triage.CasesWorsened:N0} worsened, {triage.CasesUnchanged:N0} unchanged; mean score change {mean}");
        text.AppendLine(c, $"  queues     {Join(triage.Queues, StringComparer.Ordinal)}");
        text.AppendLine(c, $"  tags       {Join(triage.Tags, StringComparer.OrdinalIgnoreCase)}");
    }

    private static string Join(IReadOnlyDictionary<string, long> counts, StringComparer order) =>
        counts.Count == 0 ? "–" : string.Join(", ", counts.OrderBy(p => p.Key, order).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}")));

    public static string Text(ReplayResult result)
    {
        var summary = KpiSummary.Of(result.Total);
        var total = result.Total;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Input        {result.Rows:N0} rows, {result.Skipped:N0} skipped, {result.Duplicates:N0} duplicates");
        text.AppendLine(c, $"Mentions     {total.Mentions:N0} ({total.CustomerMessages:N0} from customers, {total.BrandMessages:N0} from brands)");
        text.AppendLine(c, $"Cases        {summary.Cases:N0} opened, {summary.Answered:N0} answered ({Percent(summary.ResponseRate)}), {total.CasesResolved:N0} resolved, {total.CasesReopened:N0} reopenings");
        text.AppendLine(c, $"First reply  {summary.FirstReplyCount:N0} measured; mean {Time(summary.FirstReplyMeanSeconds)}, p50 {Time(summary.FirstReplyP50Seconds)}, p90 {Time(summary.FirstReplyP90Seconds)}, p95 {Time(summary.FirstReplyP95Seconds)}");
        text.AppendLine(c, $"             within 15 min {Percent(summary.FirstReplyWithin15m)}, within 1 h {Percent(summary.FirstReplyWithin1h)}");
        text.AppendLine(c, $"Responses    {summary.ResponseCount:N0}; mean {Time(summary.ResponseMeanSeconds)}");
        text.AppendLine(c, $"Resolution   {summary.ResolutionCount:N0}; mean {Time(summary.ResolutionMeanSeconds)}");
        if (result.Triage is { } triage) AppendTriage(text, triage);
        text.AppendLine("Alerts");
        foreach (var clock in ReportedClocks)
        {
            var levels = string.Join(", ", SlaThresholds.LevelsOf(clock).ToArray().Select(l => $"{AlertId.LevelName(l)} {total.AlertCount(clock, l):N0}"));
            text.AppendLine(c, $"  {AlertId.ClockName(clock),-12} {levels}");
        }
        if (result.Spikes is { } spikes) AppendSpikes(text, spikes);
        AppendBreakdown(text, "Brands", Brands(result));
        if (result.ByQueue is { } queues) AppendBreakdown(text, "Queues", queues.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        if (result.ByTag is { } tags) AppendBreakdown(text, "Tags", tags.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        return text.ToString();
    }

    /// <summary>One object per value (a brand, a queue, a tag): cases, answered, first replies within 15 min and 1 h (counts).</summary>
    private static void WriteBreakdown(Utf8JsonWriter json, string name, IEnumerable<(string Name, KpiAggregate Aggregate)> values)
    {
        json.WriteStartObject(name);
        foreach (var (value, aggregate) in values)
        {
            json.WriteStartObject(value);
            json.WriteNumber("cases", aggregate.CasesOpened);
            json.WriteNumber("answered", aggregate.CasesAnswered);
            json.WriteNumber("within15m", aggregate.FirstReplyWithin15m);
            json.WriteNumber("within1h", aggregate.FirstReplyWithin1h);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void AppendBreakdown(StringBuilder text, string title, IEnumerable<(string Name, KpiAggregate Aggregate)> values)
    {
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{title} (cases, answered, first reply within 15 min / 1 h)");
        foreach (var (value, aggregate) in values)
        {
            var first = aggregate.FirstReplyCount;
            text.AppendLine(c, $"  {value,-24} {aggregate.CasesOpened,7:N0} {aggregate.CasesAnswered,7:N0}   {Percent(first > 0 ? (double)aggregate.FirstReplyWithin15m / first : null),6} / {Percent(first > 0 ? (double)aggregate.FirstReplyWithin1h / first : null),6}");
        }
    }

    /// <summary>One line per spike: stream, what rose, from when to when (or "ongoing"), and the rate against the baseline.</summary>
    private static void AppendSpikes(StringBuilder text, ReplaySpikes spikes)
    {
        var c = CultureInfo.InvariantCulture;
        var started = spikes.Alerts.Where(a => a.Phase == SpikePhase.Started).ToList();
        var ends = spikes.Alerts.Where(a => a.Phase == SpikePhase.Resolved).ToDictionary(a => a.Id.IncidentKey);
        text.AppendLine(c, $"Spikes       {started.Count:N0} over {spikes.Streams.Count:N0} account channels ({started.Count(a => a.Spike == SpikeKind.Volume):N0} volume, {started.Count(a => a.Spike == SpikeKind.NegativeShare):N0} negative share)");
        foreach (var alert in started)
        {
            var until = ends.TryGetValue(alert.Id.IncidentKey, out var end) ? InstantPattern.General.Format(end.ResolvedAt!.Value) : "ongoing";
            var measure = alert.Spike == SpikeKind.Volume
                ? string.Create(c, $"{alert.CurrentPerMinute:0.0}/min, usually {(alert.BaselinePerMinute is { } b ? b.ToString("0.0", c) : "?")}/min")
                : string.Create(c, $"{alert.CurrentNegativeShare * 100:0} % negative, usually {alert.BaselineNegativeShare * 100:0} %");
            text.AppendLine(c, $"  {alert.Account} {alert.Channel.ToWireName()} {SpikeAlertId.KindName(alert.Spike)} {InstantPattern.General.Format(alert.StartedAt)} to {until}: {measure}");
        }
    }

    /// <summary>Brand accounts by name: the bare account when every account is on one platform, else <c>platform:account</c>.</summary>
    private static IEnumerable<(string Name, KpiAggregate Aggregate)> Brands(ReplayResult result)
    {
        var onePlatform = result.ByAccount.Keys.Select(a => a.Platform).Distinct().Count() <= 1;
        return result.ByAccount
            .Where(pair => pair.Value.CasesOpened != 0)
            .Select(pair => (Name: onePlatform ? pair.Key.Value : pair.Key.ToString(), Aggregate: pair.Value))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal);
    }

    private static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Time(double? seconds)
    {
        if (seconds is not { } s) return "–";
        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h {span.Minutes}m"
            : span.TotalHours >= 1 ? $"{span.Hours}h {span.Minutes}m"
            : span.TotalMinutes >= 1 ? $"{span.Minutes}m {span.Seconds}s"
            : $"{span.Seconds}s";
    }
}
