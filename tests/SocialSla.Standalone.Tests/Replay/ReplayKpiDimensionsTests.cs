using SocialSla.Standalone.Tests.Server;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Replay;

/// <summary>Replay's KPIs per routing queue and per tag (issue #5, items 4 and 8), as <c>GET /api/kpis</c> splits them.</summary>
public sealed class ReplayKpiDimensionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Replay_WithRouting_ReportsCasesPerQueueAndPerTag()
    {
        using var files = new TempFiles();
        var triage = files.Write("triage.json", """
            { "routing": { "defaultQueue": "care", "rules": [
                { "name": "billing", "when": { "terms": ["refund*", "charged twice"] }, "tags": ["billing"], "queue": "billing-team" },
                { "name": "shipping", "when": { "terms": ["order", "delivery"] }, "tags": ["shipping"], "queue": "logistics" } ] } }
            """);
        var export = files.Write("mentions.jsonl", string.Join("\n",
            TestServer.Mention("100", T0, text: "@ContosoCoffee where is my order? it was due yesterday"),
            TestServer.Mention("101", T0.AddMinutes(1), parent: "100", text: "and I want a refund for the delivery fee"),
            TestServer.Mention("102", T0.AddMinutes(9), fromBrand: true, parent: "101", text: "Sorry, refund on its way"),
            TestServer.Mention("200", T0.AddMinutes(2), author: "301", text: "@ContosoCoffee you charged twice on my card, I need a refund"),
            TestServer.Mention("300", T0.AddMinutes(3), author: "302", text: "@ContosoCoffee can you help me with my account please?")));

        var report = CliRunner.ReplayJson(export, "--triage", triage);
        var byQueue = report.GetProperty("byQueue");
        Assert.Equal(1, byQueue.GetProperty("logistics").GetProperty("cases").GetInt64());
        Assert.Equal(1, byQueue.GetProperty("logistics").GetProperty("within15m").GetInt64());
        Assert.Equal(1, byQueue.GetProperty("billing-team").GetProperty("cases").GetInt64());
        Assert.Equal(0, byQueue.GetProperty("billing-team").GetProperty("answered").GetInt64());
        Assert.Equal(1, byQueue.GetProperty("care").GetProperty("cases").GetInt64());
        var byTag = report.GetProperty("byTag");
        Assert.Equal(2, byTag.GetProperty("billing").GetProperty("cases").GetInt64());
        Assert.Equal(1, byTag.GetProperty("shipping").GetProperty("cases").GetInt64());
        Assert.False(byTag.TryGetProperty("", out _));

        var (exit, text, _) = CliRunner.Run("replay", export, "--triage", triage);
        Assert.Equal(0, exit);
        Assert.Contains("Queues (cases, answered, first reply within 15 min / 1 h)", text);
        Assert.Contains("Tags (cases, answered, first reply within 15 min / 1 h)", text);

        // Without triage there is no routing, so no breakdown.
        Assert.False(CliRunner.ReplayJson(export).TryGetProperty("byQueue", out _));
    }
}
