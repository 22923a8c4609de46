using System.Text.Json;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Mentions;
using SocialSla.Core.Spikes;

namespace SocialSla.Core.Tests.Spikes;

public sealed class SpikeAlertJsonTests
{
    private static readonly Instant Started = Instant.FromUtc(2026, 11, 25, 14, 1);

    internal static SpikeAlert Alert(SpikePhase phase = SpikePhase.Started, SpikeKind kind = SpikeKind.Volume, string account = "ContosoCoffee") => new()
    {
        Id = new SpikeAlertId(new SpikeStream(new PlatformAccountId(Platform.X, account), Channel.Mention), kind, Started, phase),
        ResolvedAt = phase == SpikePhase.Resolved ? Started + Duration.FromMinutes(41) : null,
        RaisedAt = phase == SpikePhase.Resolved ? Started + Duration.FromMinutes(41) : Started,
        BaselinePerMinute = 9.8,
        CurrentPerMinute = 47.5,
        BaselineNegativeShare = 0.2,
        CurrentNegativeShare = 0.21,
        WindowCount = 95,
        Expected = 19.6,
    };

    [Theory]
    [InlineData(SpikePhase.Started, SpikeKind.Volume, "ContosoCoffee")]
    [InlineData(SpikePhase.Resolved, SpikeKind.NegativeShare, "ContosoCoffee")]
    [InlineData(SpikePhase.Started, SpikeKind.Volume, "feeds.example/forum/rss")]
    public void TryRead_WhatWriteWrote_GivesTheSameAlert(SpikePhase phase, SpikeKind kind, string account)
    {
        var alert = Alert(phase, kind, account);
        Assert.True(SpikeAlertJson.TryRead(SpikeAlertJson.ToUtf8(alert), out var read));
        Assert.Equal(alert, read);
    }

    [Fact]
    public void Write_StartedVolumeSpike_HasTheDocumentedFields()
    {
        using var json = JsonDocument.Parse(SpikeAlertJson.ToUtf8(Alert()));
        var root = json.RootElement;
        Assert.Equal("spike/x:ContosoCoffee/mention/volume/2026-11-25T14:01:00Z/started", root.GetProperty("id").GetString());
        Assert.Equal("volumeSpike", root.GetProperty("kind").GetString());
        Assert.Equal("started", root.GetProperty("status").GetString());
        Assert.Equal("x:ContosoCoffee", root.GetProperty("account").GetString());
        Assert.Equal("mention", root.GetProperty("channel").GetString());
        Assert.Equal(9.8, root.GetProperty("baselinePerMinute").GetDouble());
        Assert.Equal(47.5, root.GetProperty("currentPerMinute").GetDouble());
        Assert.Equal(0.21, root.GetProperty("currentNegativeShare").GetDouble());
        Assert.Equal("2026-11-25T14:01:00Z", root.GetProperty("startedAt").GetString());
        Assert.False(root.TryGetProperty("resolvedAt", out _));
    }

    [Fact]
    public void TryRead_CaseAlertOrDamagedJson_False()
    {
        var caseAlert = """{"id":"x:ContosoCoffee:1897/firstReply.0/breached","kind":"breached","account":"x:ContosoCoffee"}"""u8.ToArray();
        Assert.False(SpikeAlertJson.TryRead(caseAlert, out _));
        Assert.False(SpikeAlertJson.TryRead("""{"id":"spike/x:ContosoCoffee/mention/volume/2026-11-25T14:01:00Z/started"}"""u8, out _));
        Assert.False(SpikeAlertJson.TryRead("not json"u8, out _));
        Assert.False(SlaAlertJson.TryRead(SpikeAlertJson.ToUtf8(Alert()), out _));
    }

    [Theory]
    [InlineData("spike/x:ContosoCoffee/mention/volume/2026-11-25T14:01:00Z/ended")]
    [InlineData("spike/x:ContosoCoffee/chat/volume/2026-11-25T14:01:00Z/started")]
    [InlineData("spike/x:ContosoCoffee/mention/loudness/2026-11-25T14:01:00Z/started")]
    [InlineData("spike/x:ContosoCoffee/mention/volume/yesterday/started")]
    [InlineData("spike/mention/volume/2026-11-25T14:01:00Z/started")]
    [InlineData("x:ContosoCoffee:1897/firstReply.0/breached")]
    public void TryParse_NotASpikeAlertId_False(string text) => Assert.False(SpikeAlertId.TryParse(text, out _));
}
