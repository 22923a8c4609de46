using System.Buffers;
using System.Text.Json;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Tests.Support;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Cases;

/// <summary>The case list's and detail's summary, built in Core for both hosts: what the board shows of a case.</summary>
public sealed class CaseSummaryTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    private static (InMemoryPipelineState State, MentionPipeline Pipeline) NewPipeline()
    {
        var state = new InMemoryPipelineState();
        return (state, new MentionPipeline(Policy, state));
    }

    private static JsonElement Json(CaseSummary summary, NodaTime.Instant now)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            CaseSummaryJson.WriteFields(json, summary, now);
            json.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    [Fact]
    public void Of_OpenDirectMessage_NextThresholdIsTheWarningAtHalfTheFifteenMinutes()
    {
        var (state, pipeline) = NewPipeline();
        pipeline.Ingest(Make.Customer("1", 0, channel: Channel.Dm) with { Text = "my router is broken, this is terrible" }, Make.At(0));
        var @case = state.GetCase(new CaseId($"{Make.Brand}:1"))!;
        var now = Make.At(5);

        var summary = CaseSummary.Of(@case, Policy, now, ExcerptTriage.Assess(@case, triage: null));
        var json = Json(summary, now);

        Assert.Equal("open", json.GetProperty("status").GetString());
        Assert.Equal("dm", json.GetProperty("channel").GetString());
        Assert.Equal("warning", json.GetProperty("nextThreshold").GetString());
        Assert.Equal(Make.At(7.5), summary.NextThresholdAt);
        Assert.Equal(150, json.GetProperty("secondsToNextThreshold").GetDouble());
        Assert.Equal("running", json.GetProperty("urgency").GetString());
        Assert.Equal("negative", json.GetProperty("sentiment").GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("queue").ValueKind);
        Assert.False(json.TryGetProperty("closedAt", out _));
    }

    [Fact]
    public void Of_ResolvedCase_HasNoNextThresholdAndIsIdle()
    {
        var (state, pipeline) = NewPipeline();
        pipeline.Ingest(Make.Customer("1", 0), Make.At(0));
        var id = new CaseId($"{Make.Brand}:1");
        pipeline.Apply(id, CaseEvent.Resolve(Make.At(4)), Make.At(4));
        var @case = state.GetCase(id)!;

        var summary = CaseSummary.Of(@case, Policy, Make.At(50), ExcerptTriage.Assess(@case, triage: null));
        var json = Json(summary, Make.At(50));

        Assert.Equal("resolved", json.GetProperty("status").GetString());
        Assert.Equal(Make.At(4), summary.ClosedAt);
        Assert.Null(summary.NextThresholdAt);
        Assert.False(json.TryGetProperty("nextThresholdAt", out _));
        Assert.Equal("idle", json.GetProperty("urgency").GetString());
    }

    [Fact]
    public void Of_StoredTagsWin_OverTheExcerptsTags()
    {
        var (state, pipeline) = NewPipeline();
        pipeline.Ingest(Make.Customer("1", 0), Make.At(0));
        var @case = state.GetCase(new CaseId($"{Make.Brand}:1"))! with { Tags = ["billing"] };

        var summary = CaseSummary.Of(@case, Policy, Make.At(1), new ExcerptVerdict(default, ["outage"], PriorityReasons.None));

        Assert.Equal(["billing"], summary.Tags);
        Assert.Equal(["outage"], CaseSummary.Of(@case with { Tags = [] }, Policy, Make.At(1), new ExcerptVerdict(default, ["outage"], PriorityReasons.None)).Tags);
    }
}
