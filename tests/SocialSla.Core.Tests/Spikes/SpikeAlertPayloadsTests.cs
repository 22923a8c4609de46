using System.Text.Json;
using SocialSla.Core.Alerts;
using SocialSla.Core.Spikes;
using static SocialSla.Core.Tests.Spikes.SpikeAlertJsonTests;

namespace SocialSla.Core.Tests.Spikes;

public sealed class SpikeAlertPayloadsTests
{
    private static readonly Uri Board = new("https://care.example/");

    [Fact]
    public void PagerDuty_StartThenEnd_TriggersAndResolvesOneIncident()
    {
        using var trigger = JsonDocument.Parse(SpikeAlertPayloads.PagerDuty(Alert(SpikePhase.Started), "R0UTING"));
        using var resolve = JsonDocument.Parse(SpikeAlertPayloads.PagerDuty(Alert(SpikePhase.Resolved), "R0UTING"));
        Assert.Equal("trigger", trigger.RootElement.GetProperty("event_action").GetString());
        Assert.Equal("resolve", resolve.RootElement.GetProperty("event_action").GetString());
        Assert.Equal("spike/x:ContosoCoffee/mention/volume/2026-11-25T14:01:00Z", trigger.RootElement.GetProperty("dedup_key").GetString());
        Assert.Equal(trigger.RootElement.GetProperty("dedup_key").GetString(), resolve.RootElement.GetProperty("dedup_key").GetString());
        Assert.Equal("R0UTING", resolve.RootElement.GetProperty("routing_key").GetString());
        Assert.False(resolve.RootElement.TryGetProperty("payload", out _));

        var payload = trigger.RootElement.GetProperty("payload");
        foreach (var field in new[] { "summary", "source", "severity", "timestamp" }) Assert.False(string.IsNullOrEmpty(payload.GetProperty(field).GetString()));
        Assert.Contains(payload.GetProperty("severity").GetString(), new[] { "critical", "error", "warning", "info" });
        Assert.Equal("9.8/min", payload.GetProperty("custom_details").GetProperty("Baseline").GetString());
        Assert.Equal("47.5/min", payload.GetProperty("custom_details").GetProperty("Current").GetString());
    }

    [Fact]
    public void Teams_Spike_AdaptiveCardWithTheFacts()
    {
        using var json = JsonDocument.Parse(SpikeAlertPayloads.Teams(Alert(SpikePhase.Resolved), Board));
        var attachment = json.RootElement.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal(TeamsCardPayload.SchemaVersion, card.GetProperty("version").GetString());
        var title = card.GetProperty("body")[0].GetProperty("text").GetString();
        Assert.StartsWith("Resolved: Volume spike on x:ContosoCoffee (mention)", title);
        var facts = card.GetProperty("body")[1].GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("x:ContosoCoffee", facts["Account"]);
        Assert.Equal("mention", facts["Channel"]);
        Assert.Equal("9.8/min", facts["Baseline"]);
        Assert.Equal("47.5/min", facts["Current"]);
        Assert.Equal("21% (usually 20%)", facts["Negative share"]);
        Assert.Equal("2026-11-25T14:01:00Z", facts["Started"]);
        Assert.Equal("2026-11-25T14:42:00Z", facts["Resolved"]);
        Assert.Equal("https://care.example/", card.GetProperty("actions")[0].GetProperty("url").GetString());
    }

    [Fact]
    public void Slack_NegativeSurge_TextFallbackHeaderAndFields()
    {
        using var json = JsonDocument.Parse(SpikeAlertPayloads.Slack(Alert(kind: SpikeKind.NegativeShare), null));
        var root = json.RootElement;
        Assert.Equal("Negative sentiment surge on x:ContosoCoffee (mention): 21% negative, usually 20%", root.GetProperty("text").GetString());
        var blocks = root.GetProperty("blocks");
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Contains(blocks[1].GetProperty("fields").EnumerateArray(), f => f.GetProperty("text").GetString() == "*Baseline*\n9.8/min");
        Assert.Equal(2, blocks.GetArrayLength()); // no board, no buttons
    }
}
