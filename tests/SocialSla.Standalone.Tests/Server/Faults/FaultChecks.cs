using System.Net;
using System.Text.Json;

namespace SocialSla.Standalone.Tests.Server.Faults;

/// <summary>What every fault test shows once the fault is gone: no acknowledged message lost, none counted twice (the
/// messages, the engine's counter and the KPI API agree on exactly the acknowledged ones), and no alert raised or
/// delivered to the JSONL sink twice.</summary>
internal static class FaultChecks
{
    /// <summary>Waits until <paramref name="condition"/> holds, polling (no timing assert: the limit only ends a hang).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null, Action? step = null)
    {
        var until = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Gave up waiting: {what}.");
            step?.Invoke();
            await Task.Delay(25);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? limit = null, Action? step = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, limit, step);

    /// <summary>GET /healthz: its status code and body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(TestServer server) =>
        await server.SendAsync(HttpMethod.Get, "/healthz", token: null);

    /// <summary>Every acknowledged message id (<c>x:…</c>) is stored once and counted once, and nothing else is.</summary>
    public static async Task AssertEachAcknowledgedMessageOnceAsync(TestServer server, IReadOnlyCollection<string> acknowledged)
    {
        await server.WaitProcessedAsync(TimeSpan.FromSeconds(60));
        using var connection = server.Database.Open();
        var stored = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM messages";
            using var reader = command.ExecuteReader();
            while (reader.Read()) stored.Add(reader.GetString(0));
        }
        Assert.True(acknowledged.ToHashSet().SetEquals(stored) && stored.Count == acknowledged.Count,
            $"Stored messages [{string.Join(", ", stored.Order())}] are not the acknowledged [{string.Join(", ", acknowledged.Order())}].");
        Assert.Equal(acknowledged.Count, server.Scalar("SELECT coalesce((SELECT value FROM counters WHERE name = 'mentions'), 0)"));
        var (status, kpis) = await server.SendAsync(HttpMethod.Get, "/api/kpis");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(acknowledged.Count, kpis.GetProperty("total").GetProperty("mentions").GetProperty("received").GetInt64());
    }

    /// <summary>One alert per (case, level) at most, each in the JSONL sink file exactly as often as it was raised
    /// (once), and the KPI API's alert counts equal to the alerts stored.</summary>
    public static async Task AssertNoDuplicateAlertAsync(TestServer server)
    {
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM (SELECT case_id, kind, threshold_at FROM alerts GROUP BY case_id, kind, threshold_at HAVING count(*) > 1)"));
        var ids = new List<string>();
        using (var connection = server.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM alerts";
            using var reader = command.ExecuteReader();
            while (reader.Read()) ids.Add(reader.GetString(0));
        }
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE sink = 'jsonl' AND status = 'pending'") == 0, "the JSONL sink has every alert");
        var lines = File.Exists(server.AlertsFile) ? File.ReadAllLines(server.AlertsFile).Where(l => l.Length > 0).ToList() : [];
        var delivered = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Order(), delivered.Order());
        var (_, kpis) = await server.SendAsync(HttpMethod.Get, "/api/kpis");
        var counted = 0L;
        foreach (var clock in kpis.GetProperty("total").GetProperty("alerts").EnumerateObject())
            foreach (var level in clock.Value.EnumerateObject()) counted += level.Value.GetInt64();
        Assert.Equal(ids.Count, counted);
    }

    /// <summary>A component of the /healthz body: <c>components.a.b…</c>.</summary>
    public static JsonElement Component(JsonElement health, params string[] path)
    {
        var element = health.GetProperty("components");
        foreach (var name in path) element = element.GetProperty(name);
        return element;
    }
}
