using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SocialSla.Core.Kpis;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary><c>GET /api/kpis?dimension=queue|tag</c> (issue #5, items 4 and 8): KPIs per routing queue and per tag, a
/// case under its current routing only, a case with two tags under both.</summary>
public sealed class KpiDimensionsInServerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private const string Triage = """
        { "routing": { "defaultQueue": "care", "rules": [
            { "name": "billing", "when": { "terms": ["refund*", "charged twice"] }, "tags": ["billing"], "queue": "billing-team" },
            { "name": "shipping", "when": { "terms": ["order", "delivery"] }, "tags": ["shipping"], "queue": "logistics" } ] } }
        """;

    [Fact]
    public async Task Kpis_ByQueueAndByTag_CountEachCaseUnderItsRouting()
    {
        var time = new ManualTimeProvider(T0.AddMinutes(10));
        await using var server = await TestServer.StartAsync(time, triage: Triage);
        // Case 100: shipping, then billing too (stays in logistics). Case 200: billing only. Case 300: no rule (care).
        using (var response = await server.PostMentionsAsync(time.GetUtcNow(),
            TestServer.Mention("100", T0, text: "@ContosoCoffee where is my order? it was due yesterday"),
            TestServer.Mention("101", T0.AddMinutes(1), parent: "100", text: "and I want a refund for the delivery fee"),
            TestServer.Mention("200", T0.AddMinutes(2), author: "301", text: "@ContosoCoffee you charged twice on my card, I need a refund"),
            TestServer.Mention("300", T0.AddMinutes(3), author: "302", text: "@ContosoCoffee can you help me with my account please?")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await server.WaitProcessedAsync();

        var byQueue = await BucketsAsync(server, "queue");
        Assert.Equal(1, byQueue["logistics"].GetProperty("cases").GetInt64());
        Assert.Equal(1, byQueue["billing-team"].GetProperty("cases").GetInt64());
        Assert.Equal(1, byQueue["care"].GetProperty("cases").GetInt64());
        Assert.Equal(3, byQueue.Values.Sum(b => b.GetProperty("cases").GetInt64()));

        var byTag = await BucketsAsync(server, "tag");
        Assert.Equal(1, byTag["shipping"].GetProperty("cases").GetInt64());
        Assert.Equal(2, byTag["billing"].GetProperty("cases").GetInt64()); // case 100 counts under both of its tags
        Assert.Equal(1, byTag[""].GetProperty("cases").GetInt64());

        var total = (await server.SendAsync(HttpMethod.Get, "/api/kpis?dimension=tag")).Body.GetProperty("total");
        Assert.Equal(3, total.GetProperty("cases").GetInt64());

        var bad = await server.SendAsync(HttpMethod.Get, "/api/kpis?dimension=team");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("queue or tag", bad.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task EnsureCreated_KpisOfAnEarlierVersion_KeptWithoutQueueOrTags()
    {
        var folder = Directory.CreateTempSubdirectory("socialsla-upgrade-").FullName;
        var hour = (long)(T0 - DateTimeOffset.UnixEpoch).TotalHours;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "state.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE kpis(account TEXT NOT NULL, channel INTEGER NOT NULL, priority INTEGER NOT NULL, hour INTEGER NOT NULL,
                    data BLOB NOT NULL, PRIMARY KEY(account, channel, priority, hour)) WITHOUT ROWID;
                INSERT INTO kpis VALUES ('x:ContosoCoffee', 3, 2, $hour, $data);
                """;
            command.Parameters.AddWithValue("$hour", hour);
            command.Parameters.AddWithValue("$data", KpiAggregateJson.ToUtf8(new KpiAggregate { CasesOpened = 7 }));
            command.ExecuteNonQuery();
        }
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time, folder: folder);

        var byQueue = await BucketsAsync(server, "queue");
        Assert.Equal(7, byQueue[""].GetProperty("cases").GetInt64());
    }

    private static async Task<Dictionary<string, JsonElement>> BucketsAsync(TestServer server, string dimension)
    {
        var (status, body) = await server.SendAsync(HttpMethod.Get, $"/api/kpis?dimension={dimension}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(dimension, body.GetProperty("dimension").GetString());
        return body.GetProperty("buckets").EnumerateArray().ToDictionary(b => b.GetProperty(dimension).GetString()!, b => b);
    }
}
