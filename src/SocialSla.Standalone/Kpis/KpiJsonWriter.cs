using System.Text.Json;
using SocialSla.Core.Alerts;
using SocialSla.Core.Kpis;
using SocialSla.Core.Sla;

namespace SocialSla.Standalone.Kpis;

/// <summary>The KPI fields every JSON output shares (<c>replay --json</c>, <c>GET /api/kpis</c>): cases, first reply,
/// response, resolution, alerts and mentions of one aggregate, written into the current JSON object.</summary>
internal static class KpiJsonWriter
{
    private static readonly ClockKind[] ReportedClocks = [ClockKind.FirstReply, ClockKind.NextReply, ClockKind.Resolution, ClockKind.ReplyWindow];

    public static void WriteFields(Utf8JsonWriter json, KpiAggregate total)
    {
        var summary = KpiSummary.Of(total);
        json.WriteNumber("cases", summary.Cases);
        json.WriteNumber("answered", summary.Answered);
        WriteNumber(json, "responseRate", summary.ResponseRate);
        json.WriteNumber("reopened", total.CasesReopened);
        json.WriteNumber("resolved", total.CasesResolved);

        json.WriteStartObject("firstReply");
        json.WriteNumber("count", summary.FirstReplyCount);
        WriteNumber(json, "meanSeconds", summary.FirstReplyMeanSeconds);
        WriteNumber(json, "p50Seconds", summary.FirstReplyP50Seconds);
        WriteNumber(json, "p90Seconds", summary.FirstReplyP90Seconds);
        WriteNumber(json, "p95Seconds", summary.FirstReplyP95Seconds);
        WriteNumber(json, "within15m", summary.FirstReplyWithin15m);
        WriteNumber(json, "within1h", summary.FirstReplyWithin1h);
        json.WriteEndObject();

        json.WriteStartObject("response");
        json.WriteNumber("count", summary.ResponseCount);
        WriteNumber(json, "meanSeconds", summary.ResponseMeanSeconds);
        json.WriteEndObject();

        json.WriteStartObject("resolution");
        json.WriteNumber("count", summary.ResolutionCount);
        WriteNumber(json, "meanSeconds", summary.ResolutionMeanSeconds);
        json.WriteEndObject();

        json.WriteStartObject("alerts");
        foreach (var clock in ReportedClocks)
        {
            json.WriteStartObject(AlertId.ClockName(clock));
            foreach (var level in SlaThresholds.LevelsOf(clock))
                json.WriteNumber(AlertId.LevelName(level), total.AlertCount(clock, level));
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartObject("mentions");
        json.WriteNumber("received", total.Mentions);
        json.WriteNumber("customer", total.CustomerMessages);
        json.WriteNumber("actionable", total.Actionable);
        json.WriteNumber("brand", total.BrandMessages);
        json.WriteNumber("noise", total.Noise);
        json.WriteStartObject("sentiment");
        json.WriteNumber("negative", total.NegativeMessages);
        json.WriteNumber("neutral", total.NeutralMessages);
        json.WriteNumber("positive", total.PositiveMessages);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number) json.WriteNumber(name, number);
        else json.WriteNull(name);
    }
}
