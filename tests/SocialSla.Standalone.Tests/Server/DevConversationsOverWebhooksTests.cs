using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Import;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Standalone.Replay;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>The dev conversations, posted one by one as signed X Account Activity webhooks to a real server whose
/// clock follows the messages, end in the same KPIs that <c>replay</c> computes for the file.</summary>
public sealed class DevConversationsOverWebhooksTests
{
    private const string Policy = """{ "rules": [ { "name": "all", "firstReply": "15m", "nextReply": "15m" } ] }""";

    [Fact]
    public async Task Webhooks_of_the_dev_conversations_end_in_the_replay_kpis()
    {
        using var reader = new StreamReader(SharedData.PathOf("care-conversations-dev.csv"));
        var batch = TwcsImport.Read(reader, new ImportOptions { KeepText = true });
        var mentions = batch.Mentions.Select((m, i) => (Mention: m, Order: i)).OrderBy(p => p.Mention.CreatedAt).ThenBy(p => p.Order).Select(p => p.Mention).ToList();
        Assert.True(SlaPolicyParser.TryParse(Policy, out var policy, out _));
        var replay = ReplayRunner.Run(batch.Mentions, policy, batch.Rows, 0);

        var time = new ManualTimeProvider(mentions[0].CreatedAt.ToDateTimeOffset());
        var accounts = mentions.Select(m => m.Account).Distinct().ToList();
        await using var server = await TestServer.StartAsync(time, options => options.Accounts =
            [.. accounts.Select(a => new AccountOptions { Account = a.ToString(), PlatformUserId = a.Value, Handle = a.Value })], Policy);

        foreach (var mention in mentions)
        {
            var wait = mention.CreatedAt.ToDateTimeOffset() - time.GetUtcNow();
            if (wait > TimeSpan.Zero) time.Advance(wait);
            var body = Encoding.UTF8.GetBytes(AaaTweet(mention));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/x") { Content = new ByteArrayContent(body) };
            request.Headers.TryAddWithoutValidation("x-twitter-webhooks-signature", WebhookSigning.X(body, TestServer.XSecret));
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await server.WaitProcessedAsync();
        }
        // Then the clock runs on until no wake-up is pending (as replay does at the end of the file).
        for (var step = 0; step < 1000 && server.Engine.Status.NextWakeUp is { } next; step++)
        {
            var wait = next.ToDateTimeOffset() - time.GetUtcNow();
            time.Advance(wait > TimeSpan.Zero ? wait + TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(1));
            await WaitCommittedPastAsync(server, time);
        }

        var (status, kpis) = await server.SendAsync(HttpMethod.Get, "/api/kpis");
        Assert.Equal(HttpStatusCode.OK, status);
        var total = kpis.GetProperty("total");
        var expected = KpiSummary.Of(replay.Total);
        Assert.Equal(expected.Cases, total.GetProperty("cases").GetInt64());
        Assert.Equal(expected.Answered, total.GetProperty("answered").GetInt64());
        Assert.Equal(replay.Total.CasesResolved, total.GetProperty("resolved").GetInt64());
        Assert.Equal(expected.FirstReplyCount, total.GetProperty("firstReply").GetProperty("count").GetInt64());
        Assert.Equal(expected.FirstReplyMeanSeconds!.Value, total.GetProperty("firstReply").GetProperty("meanSeconds").GetDouble(), 6);
        Assert.Equal(expected.FirstReplyWithin15m!.Value, total.GetProperty("firstReply").GetProperty("within15m").GetDouble(), 9);
        Assert.Equal(expected.FirstReplyP90Seconds!.Value, total.GetProperty("firstReply").GetProperty("p90Seconds").GetDouble(), 6);
        Assert.Equal(expected.ResponseCount, total.GetProperty("response").GetProperty("count").GetInt64());
        Assert.Equal(expected.ResponseMeanSeconds!.Value, total.GetProperty("response").GetProperty("meanSeconds").GetDouble(), 6);
        Assert.Equal(expected.ResolutionCount, total.GetProperty("resolution").GetProperty("count").GetInt64());
        foreach (var clock in new[] { ClockKind.FirstReply, ClockKind.NextReply, ClockKind.Resolution })
        {
            foreach (var level in SlaThresholds.LevelsOf(clock))
            {
                var name = SocialSla.Core.Alerts.AlertId.LevelName(level);
                var clockName = SocialSla.Core.Alerts.AlertId.ClockName(clock);
                Assert.Equal(replay.Total.AlertCount(clock, level), total.GetProperty("alerts").GetProperty(clockName).GetProperty(name).GetInt64());
            }
        }
        Assert.Equal(replay.Total.Mentions, total.GetProperty("mentions").GetProperty("received").GetInt64());
    }

    private static async Task WaitCommittedPastAsync(TestServer server, ManualTimeProvider time)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (server.Engine.Status is { } status && (status.LastCommitAt is not { } at || at.ToDateTimeOffset() < time.GetUtcNow()) && status.NextWakeUp is { } next && next.ToDateTimeOffset() <= time.GetUtcNow())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The engine did not run its due wake-ups.");
            await Task.Delay(2);
        }
    }

    /// <summary>The Account Activity delivery X would make to the brand for this tweet.</summary>
    private static string AaaTweet(Mention mention)
    {
        var created = mention.CreatedAt.ToDateTimeOffset();
        var tweet = new Dictionary<string, object?>
        {
            ["created_at"] = created.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture),
            ["timestamp_ms"] = created.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["id_str"] = mention.Id.ExternalId,
            ["text"] = mention.Text,
            ["in_reply_to_status_id_str"] = mention.ParentId?.ExternalId,
            ["user"] = new Dictionary<string, object?>
            {
                ["id_str"] = mention.FromBrand ? mention.Account.Value : mention.Author.Id,
                ["screen_name"] = mention.FromBrand ? mention.Account.Value : mention.Author.Handle ?? mention.Author.Id,
            },
        };
        return JsonSerializer.Serialize(new Dictionary<string, object?> { ["for_user_id"] = mention.Account.Value, ["tweet_create_events"] = new[] { tweet } });
    }
}
