using System.Text;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Standalone.Server.Alerts;

namespace SocialSla.Standalone.Tests.Server.Alerts;

/// <summary>Erasing a customer from the <c>jsonl</c> sink's file (issue #8).</summary>
public sealed class JsonlFileAlertSinkTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 2, 9, 30);

    private static string Line(string caseKey, string? handle, string excerpt) => Encoding.UTF8.GetString(SlaAlertJson.ToUtf8(new SlaAlert
    {
        Id = new AlertId(new CaseId("x:ContosoCoffee:" + caseKey), new AlertKey(ClockKind.FirstReply, 1, ThresholdLevel.Warning)),
        Kind = AlertKind.Warning,
        Account = new PlatformAccountId(Platform.X, "ContosoCoffee"),
        Target = Duration.FromHours(1),
        ThresholdAt = At,
        DueAt = At + Duration.FromMinutes(30),
        RaisedAt = At,
        Elapsed = Duration.FromMinutes(30),
        Priority = Priority.Normal,
        CustomerHandle = handle,
        Link = handle is null ? null : $"https://x.com/{handle}/status/{caseKey}",
        Excerpt = excerpt,
    }));

    [Fact]
    public void EraseFromFile_RewritesAlertsOfAndQuotingTheCustomer_DropsTornLinesHoldingThem_KeepsTheRest()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("socialsla-jsonl-").FullName, "alerts.jsonl");
        var erin = Line("1", "erin_x", "ERASEME the grinder broke");
        var kim = Line("2", "kim_y", "same as @erin_x, KEEPME");
        var other = Line("3", "lee_z", "KEEPME too");
        var tornWithErin = erin[..(erin.IndexOf("erin_x", StringComparison.Ordinal) + 10)]; // a crash mid-append, after the handle
        var tornWithout = other[..20];
        File.WriteAllText(path, string.Join('\n', erin, kim, tornWithErin, tornWithout, other) + "\n");

        var changed = JsonlFileAlertSink.EraseFromFile(path, ["erin_x", "700001"]);

        var lines = File.ReadAllLines(path);
        Assert.Equal(3, changed); // Erin's alert, Kim's quote, the torn line holding Erin
        Assert.Equal(4, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains("erin_x", StringComparison.OrdinalIgnoreCase) || l.Contains("ERASEME", StringComparison.Ordinal));
        Assert.True(SlaAlertJson.TryRead(Encoding.UTF8.GetBytes(lines[0]), out var erased));
        Assert.Null(erased.CustomerHandle);
        Assert.Equal("", erased.Excerpt);
        Assert.Contains("same as [erased], KEEPME", lines[1]);
        Assert.Equal(tornWithout, lines[2]);
        Assert.Equal(other, lines[3]);
        Assert.Equal(0, JsonlFileAlertSink.EraseFromFile(path, ["erin_x", "700001"])); // nothing more, file untouched
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
