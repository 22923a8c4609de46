using System.Text.Json;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Alerts.Storms;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Tests.Alerts;

/// <summary>A storm's messages and their payloads: one identity per group, one per message, the count and the list.</summary>
public sealed class StormIncidentTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 9, 0);
    private static readonly PlatformAccountId Contoso = new(Platform.X, "ContosoCoffee");
    private static readonly Uri Board = new("https://sla.example.com/board/");

    /// <summary>The messages storm control sends one recipient for 200 breaches in 10 minutes and the quiet after.</summary>
    private static List<StormIncident> Storm(int alerts = 200, string recipient = "oncall")
    {
        var storms = new StormControl(StormOptions.Default);
        var messages = new List<StormIncident>();
        for (var i = 0; i < alerts; i++)
        {
            var at = T0 + Duration.FromSeconds(3 * i);
            var decision = storms.Admit(new StormKey(recipient, Contoso, AlertKind.Breached), new CaseId($"x:ContosoCoffee:{i}"), at);
            if (decision.GroupId is not null && decision.Sends) messages.Add(StormIncident.From(decision, at));
        }
        var end = T0 + Duration.FromHours(1);
        messages.AddRange(storms.Advance(end).Select(close => StormIncident.From(close, end)));
        return messages;
    }

    [Fact]
    public void From_DeliverOrFold_IsRefused()
    {
        var deliver = new StormDecision(StormAction.Deliver, new StormKey("s", Contoso, AlertKind.Breached), null, 0, [], null);
        Assert.Throws<ArgumentException>(() => StormIncident.From(deliver, T0));
        Assert.Throws<ArgumentException>(() => StormIncident.From(deliver with { Action = StormAction.Fold, GroupId = "g", StartedAt = T0 }, T0));
    }

    [Fact]
    public void Messages_ShareTheGroupAndEachHasItsOwnId()
    {
        var messages = Storm();
        Assert.True(messages.Count >= 3, $"{messages.Count} messages");
        Assert.Single(messages.Select(m => m.GroupId).Distinct());
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(StormAction.OpenGroup, messages[0].Action);
        Assert.Equal(StormAction.CloseGroup, messages[^1].Action);
        Assert.Equal(200, messages[^1].Count);
        Assert.Equal(200 - StormOptions.Default.ListedCases, messages[^1].Unlisted);
        Assert.StartsWith("Storm over: 200 breached alerts on x:ContosoCoffee", messages[^1].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_RoundTrips()
    {
        foreach (var message in Storm())
        {
            Assert.True(StormIncidentJson.TryRead(StormIncidentJson.ToUtf8(message), out var read));
            Assert.Equal(message with { Cases = [] }, read with { Cases = [] });
            Assert.Equal(message.Cases, read.Cases);
        }
        Assert.False(StormIncidentJson.TryRead("""{"type":"storm","event":"nope"}"""u8, out _));
        Assert.False(StormIncidentJson.TryRead("not json"u8, out _));
    }

    [Fact]
    public void PagerDuty_EveryMessageOfAGroupTriggersTheSameIncident_AndAnotherRecipientsGroupAnother()
    {
        var events = Storm().Select(m => JsonDocument.Parse(StormPagerDutyEvent.Build(m, "KEY", Board)).RootElement).ToList();
        Assert.Single(events.Select(e => e.GetProperty("dedup_key").GetString()).Distinct());
        Assert.All(events, e =>
        {
            Assert.Equal("trigger", e.GetProperty("event_action").GetString());
            Assert.Equal("KEY", e.GetProperty("routing_key").GetString());
            Assert.Equal("critical", e.GetProperty("payload").GetProperty("severity").GetString());
            Assert.Equal("x:ContosoCoffee", e.GetProperty("payload").GetProperty("source").GetString());
        });
        var other = JsonDocument.Parse(StormPagerDutyEvent.Build(Storm(recipient: "other")[0], "KEY", Board)).RootElement;
        Assert.NotEqual(events[0].GetProperty("dedup_key").GetString(), other.GetProperty("dedup_key").GetString());
    }

    [Fact]
    public void Slack_ListsTheFirstCasesAsLinksAndCountsTheRest()
    {
        var close = Storm()[^1];
        var message = JsonDocument.Parse(StormSlackMessage.Build(close, Board)).RootElement;
        var list = message.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "section" && b.TryGetProperty("text", out _))
            .GetProperty("text").GetProperty("text").GetString()!;
        Assert.Equal(StormSlackMessage.CasesShown, list.Split('\n').Count(l => l.StartsWith("• <https://sla.example.com/board/cases/", StringComparison.Ordinal)));
        Assert.EndsWith($"… and {200 - StormSlackMessage.CasesShown} more", list, StringComparison.Ordinal);
        Assert.Contains("x%3AContosoCoffee%3A0|x:ContosoCoffee:0>", list, StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_EscapesItsControlCharactersInCaseIds()
    {
        var incident = new StormIncident("g", StormAction.OpenGroup, "team", Contoso, AlertKind.Warning, 6, [new CaseId("x:a<b>&c")], T0, T0);
        var text = JsonDocument.Parse(StormSlackMessage.Build(incident, null)).RootElement.GetRawText();
        Assert.Contains("x:a\\u0026lt;b\\u0026gt;\\u0026amp;c", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_IsAnAdaptiveCardWithTheCountAndTheBoard()
    {
        var open = Storm()[0];
        var content = JsonDocument.Parse(StormTeamsCard.Build(open, Board)).RootElement.GetProperty("attachments")[0].GetProperty("content");
        Assert.Equal("AdaptiveCard", content.GetProperty("type").GetString());
        Assert.Equal(TeamsCardPayload.SchemaVersion, content.GetProperty("version").GetString());
        var facts = content.GetProperty("body").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "FactSet").GetProperty("facts")
            .EnumerateArray().ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Equal((StormOptions.Default.Threshold + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), facts["Alerts"]);
        Assert.Equal(open.GroupId, facts["Incident"]);
        Assert.Equal("https://sla.example.com/board/", content.GetProperty("actions")[0].GetProperty("url").GetString());
    }
}
