using System.Net;
using System.Text;
using System.Text.Json;
using SocialSla.Standalone.Server.Api;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Issue #8 "Must hold": after erasing one customer no API answer, CSV export, log line or database page
/// (state and inbox files and their write-ahead logs) still holds their text or handle, while KPIs are unchanged and
/// another customer's data stays.</summary>
public sealed class ErasureTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private const string AdminToken = "admin-token-for-tests";

    // The erased customer (Erin) and one who stays (Kim), who quotes Erin's handle.
    private const string ErinId = "700001";
    private const string ErinHandle = "erin_erasable";
    private const string ErinFirst = "ERASEME-alpha my espresso machine leaks water";
    private const string ErinSecond = "ERASEME-beta still waiting on the espresso machine";
    private const string KimText = "KEEPME-gamma my order is late, same as @erin_erasable";
    private static readonly string[] ErinNeedles = ["ERASEME", ErinHandle];

    /// <summary>One JSONL mention line on Contoso's X account, by any author and handle.</summary>
    internal static string Line(string id, DateTimeOffset at, string authorId, string handle, string text, bool fromBrand = false, string? parent = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["platform"] = "x", ["account"] = "ContosoCoffee", ["channel"] = "mention", ["parentId"] = parent,
            ["author"] = new Dictionary<string, object?> { ["id"] = authorId, ["handle"] = handle },
            ["fromBrand"] = fromBrand, ["text"] = text, ["url"] = $"https://x.com/{handle}/status/{id}",
            ["createdAt"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });

    private static Task<TestServer> StartAsync(ManualTimeProvider time, CapturingLoggerProvider? logs = null) =>
        TestServer.StartAsync(time, options => options.Tokens =
        [
            .. options.Tokens,
            new TokenOptions { Name = "privacy-officer", Role = "admin", Sha256 = ApiAuthentication.HashOf(AdminToken) },
        ], logs: logs);

    private static async Task PostAsync(TestServer server, ManualTimeProvider time, string line)
    {
        using var response = await server.PostMentionsAsync(time.GetUtcNow(), line);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> GetTextAsync(TestServer server, string path, string token = TestServer.ReadToken)
    {
        using var request = server.Request(HttpMethod.Get, path, token);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(HttpStatusCode Status, string Body)> EraseAsync(TestServer server, string token, string body)
    {
        using var request = server.Request(HttpMethod.Post, "/api/erasures", token);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, ManualTimeProvider time, TimeSpan step)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The condition did not hold in time.");
            time.Advance(step);
            await Task.Delay(20);
        }
    }

    /// <summary>Every byte of the state and inbox files and their write-ahead logs, as the disk holds them now.</summary>
    private static Dictionary<string, byte[]> DatabaseFiles(TestServer server)
    {
        var files = new Dictionary<string, byte[]>();
        foreach (var path in new[] { server.Database.Path, server.Database.Path + "-wal", server.Database.InboxPath, server.Database.InboxPath + "-wal" })
        {
            if (!File.Exists(path)) continue;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[Path.GetFileName(path)] = copy.ToArray();
        }
        return files;
    }

    private static IEnumerable<string> FilesHolding(Dictionary<string, byte[]> files, string needle) =>
        files.Where(f => f.Value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0).Select(f => f.Key);

    private static void AssertHoldsNone(string where, string text)
    {
        foreach (var needle in ErinNeedles)
            Assert.False(text.Contains(needle, StringComparison.OrdinalIgnoreCase), $"{where} still holds '{needle}': {text}");
    }

    [Fact]
    public async Task Erase_OneCustomer_LeavesNoTextOrHandleInApiExportsLogsOrDatabasePages_AndKpisUnchanged()
    {
        var logs = new CapturingLoggerProvider();
        var time = new ManualTimeProvider(T0);
        await using var server = await StartAsync(time, logs);

        // Two customers: Erin's case with a follow-up, Kim's quoting Erin's handle; every first-reply clock breaches
        // (alerts with excerpts and handles, delivered to the JSONL sink), then the brand answers Erin by handle.
        await PostAsync(server, time, Line("9001", T0, ErinId, ErinHandle, ErinFirst));
        await PostAsync(server, time, Line("9002", T0.AddMinutes(1), ErinId, ErinHandle, ErinSecond, parent: "9001"));
        await PostAsync(server, time, Line("9101", T0, "700002", "keeper_kim", KimText));
        await server.WaitProcessedAsync();
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM alerts WHERE kind = 'breached'") == 2
            && server.Scalar("SELECT count(*) FROM deliveries WHERE status <> 'delivered'") == 0, time, TimeSpan.FromMinutes(5));
        await PostAsync(server, time, Line("9003", time.GetUtcNow(), TestServer.XUserId, "ContosoCoffee", "@erin_erasable so sorry, we are on it", fromBrand: true, parent: "9002"));
        await server.WaitProcessedAsync();

        var cases = JsonDocument.Parse(await GetTextAsync(server, "/api/cases?state=all")).RootElement.GetProperty("cases").EnumerateArray().ToList();
        var erinCase = cases.Single(c => c.TryGetProperty("customerHandle", out var h) && h.GetString() == ErinHandle).GetProperty("id").GetString()!;
        var kimCase = cases.Single(c => c.TryGetProperty("customerHandle", out var h) && h.GetString() == "keeper_kim").GetProperty("id").GetString()!;
        // An agent acknowledges Kim's breach and resolves her case (both audited); KPIs are read after that.
        var kimAlert = JsonDocument.Parse(await GetTextAsync(server, "/api/alerts")).RootElement.GetProperty("alerts").EnumerateArray()
            .First(a => a.GetProperty("case").GetString() == kimCase).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(HttpMethod.Post, $"/api/alerts/{kimAlert}/ack", TestServer.AgentToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(HttpMethod.Post, $"/api/cases/{Uri.EscapeDataString(kimCase)}/resolve", TestServer.AgentToken)).Status);
        await server.WaitProcessedAsync();

        string[] paths =
        [
            "/api/cases?state=all", "/api/cases.csv", $"/api/cases/{Uri.EscapeDataString(erinCase)}", $"/api/cases/{Uri.EscapeDataString(kimCase)}",
            "/api/alerts", "/api/kpis?from=2026-11-02&to=2026-11-03", "/api/kpis.csv?from=2026-11-02&to=2026-11-03",
            "/api/kpis?from=2026-11-02&to=2026-11-03&granularity=hour&dimension=channel", "/api/audit",
        ];
        var kpisBefore = (await GetTextAsync(server, paths[5]), await GetTextAsync(server, paths[6]), await GetTextAsync(server, paths[7]));
        // The searches below can fail: before the erasure Erin is in the API, the raw envelopes and the files.
        Assert.Contains(ErinHandle, await GetTextAsync(server, paths[1]));
        Assert.Contains(ErinFirst, await GetTextAsync(server, paths[2]));
        Assert.NotEmpty(FilesHolding(DatabaseFiles(server), ErinSecond));
        Assert.Contains(ErinHandle, File.ReadAllText(server.AlertsFile)); // the jsonl sink's file got Erin's alerts

        Assert.Equal("admin", (await server.SendAsync(HttpMethod.Get, "/api/me", AdminToken)).Body.GetProperty("role").GetString());
        // Only an admin token may erase; bad requests change nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await EraseAsync(server, TestServer.ReadToken, $$"""{"platform":"x","authorId":"{{ErinId}}"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await EraseAsync(server, TestServer.AgentToken, $$"""{"platform":"x","authorId":"{{ErinId}}"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await EraseAsync(server, AdminToken, """{"platform":"myspace","authorId":"1"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await EraseAsync(server, AdminToken, """{"platform":"x","author":"700001"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await EraseAsync(server, AdminToken, "not json")).Status);
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM messages WHERE verb = 'erased'"));

        var (status, body) = await EraseAsync(server, AdminToken, $$"""{"platform":"x","authorId":"{{ErinId}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var outcome = JsonDocument.Parse(body).RootElement;
        Assert.Equal(2, outcome.GetProperty("messages").GetInt32());
        Assert.True(outcome.GetProperty("alerts").GetInt32() >= 3); // Erin's warning, at-risk and breach, and Kim's quoting excerpts
        Assert.True(outcome.GetProperty("quotesRedacted").GetInt32() >= 2); // the brand reply and Kim's message
        Assert.True(outcome.GetProperty("envelopes").GetInt32() >= 4);
        Assert.True(outcome.GetProperty("logsTruncated").GetBoolean());
        Assert.True(outcome.GetProperty("alertFileLines").GetInt32() >= 3);
        AssertHoldsNone("the jsonl sink's file", File.ReadAllText(server.AlertsFile));
        Assert.Contains("keeper_kim", File.ReadAllText(server.AlertsFile));

        // No API answer or export holds Erin's text or handle; Kim's own text stays (with Erin's handle redacted).
        foreach (var path in paths) AssertHoldsNone(path, await GetTextAsync(server, path, AdminToken));
        Assert.Contains("KEEPME-gamma my order is late, same as [erased]", await GetTextAsync(server, $"/api/cases/{Uri.EscapeDataString(kimCase)}"));
        Assert.Contains("keeper_kim", await GetTextAsync(server, "/api/cases.csv"));
        Assert.Equal(kpisBefore, (await GetTextAsync(server, paths[5]), await GetTextAsync(server, paths[6]), await GetTextAsync(server, paths[7])));

        // No page of either file or log: what a delete or an update freed was zeroed, and the logs were emptied.
        var files = DatabaseFiles(server);
        foreach (var needle in new[] { ErinFirst, ErinSecond, "ERASEME", ErinHandle })
            Assert.Empty(FilesHolding(files, needle));
        Assert.NotEmpty(FilesHolding(files, "KEEPME-gamma")); // the search does find what stays

        // The audit says who did what, and holds no text or handle of the erasure.
        var audit = JsonDocument.Parse(await GetTextAsync(server, "/api/audit", AdminToken)).RootElement.GetProperty("entries").EnumerateArray().ToList();
        var erase = Assert.Single(audit, e => e.GetProperty("action").GetString() == "erase");
        Assert.Equal("privacy-officer", erase.GetProperty("actor").GetString());
        Assert.Equal("admin", erase.GetProperty("role").GetString());
        Assert.Equal("x:" + ErinId, erase.GetProperty("target").GetString());
        Assert.Equal(2, erase.GetProperty("detail").GetProperty("messages").GetInt32());
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "acknowledge" && e.GetProperty("actor").GetString() == "agent" && e.GetProperty("target").GetString() == kimAlert);
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "resolve" && e.GetProperty("actor").GetString() == "agent" && e.GetProperty("target").GetString() == kimCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.SendAsync(HttpMethod.Get, "/api/audit", TestServer.AgentToken)).Status);

        // No log line of the whole flow (captured at every level, structured values included) holds Erin's data or a secret.
        Assert.Contains(logs.Lines, l => l.Contains("Erased the personal data", StringComparison.Ordinal));
        foreach (var line in logs.Lines)
        {
            AssertHoldsNone("a log line", line);
            foreach (var secret in new[] { TestServer.XSecret, TestServer.MetaSecret, TestServer.DeskSecret, TestServer.AgentToken, AdminToken, "KEEPME" })
                Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
        }

        // Erasing again finds nothing more.
        var (again, againBody) = await EraseAsync(server, AdminToken, $$"""{"platform":"x","authorId":"{{ErinId}}"}""");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(0, JsonDocument.Parse(againBody).RootElement.GetProperty("messages").GetInt32());
    }
}
