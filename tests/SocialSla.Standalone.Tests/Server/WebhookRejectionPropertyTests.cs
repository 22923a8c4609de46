using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Tests.Support;
using SocialSla.Standalone.Tests.Pulls;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Issue #8, through the real server (loopback, real SQLite file): hostile webhook deliveries to the Meta, X
/// and generic routes. A request answered 400, 401 or 413 leaves every table exactly as it was (a checksum of all
/// rows before and after); one answered 200 adds exactly one inbox row; nothing else is ever answered.</summary>
public sealed class WebhookRejectionPropertyTests : IAsyncLifetime
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 16, 12, 5, TimeSpan.Zero);

    private static readonly string[] MetaExamples =
    [
        "meta_page_feed_comment.json", "meta_messenger_message.json", "meta_instagram_comment_brand_reply.json", "meta_instagram_dm.json",
    ];

    private static readonly string[] XExamples = ["x_aaa_mention.json", "x_aaa_dm_inbound.json", "x_aaa_brand_reply.json"];

    private enum Route { Meta, X, Generic }

    private enum Signing { Valid, WrongSecret, Missing, Stale }

    private static readonly (Route Route, byte[] Body)[] Seeds =
    [
        .. MetaExamples.Select(f => (Route.Meta, File.ReadAllBytes(SharedData.ExampleOf(f)))),
        .. XExamples.Select(f => (Route.X, File.ReadAllBytes(SharedData.ExampleOf(f)))),
        (Route.Generic, File.ReadAllBytes(SharedData.ExampleOf("helpdesk_forwarded_event.json"))),
        (Route.Generic, Encoding.UTF8.GetBytes(
            TestServer.Mention("9001", Now.AddMinutes(-3)) + "\n" + TestServer.Mention("9002", Now.AddMinutes(-1), fromBrand: true, parent: "9001"))),
    ];

    private readonly ManualTimeProvider _time = new(Now);
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(_time, options =>
    {
        options.MaxBodyBytes = MaxBodyBytes;
        // No sinks: nothing changes in the background after a delivery was processed, so a checksum taken between
        // requests is stable.
        options.Sinks = [];
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Every row of every table, hashed in rowid (or key) order, with each table's name and row count.</summary>
    private string StoreChecksum()
    {
        using var connection = _server.Database.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var summary = new StringBuilder();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = command.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    var value = reader.GetValue(c);
                    hash.AppendData(value is byte[] bytes ? bytes : Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"));
                    hash.AppendData([0]);
                }
            }
            summary.Append(table).Append('=').Append(rows).Append(' ');
        }
        return summary + Convert.ToHexString(hash.GetHashAndReset());
    }

    private async Task<HttpStatusCode> PostAsync(Route route, byte[] body, Signing signing)
    {
        var path = route switch { Route.Meta => "/api/webhooks/meta", Route.X => "/api/webhooks/x", _ => "/api/webhooks/generic/desk" };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signing != Signing.Missing)
        {
            switch (route)
            {
                case Route.Meta:
                    request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WebhookSigning.Meta(body, signing == Signing.WrongSecret ? "guess" : TestServer.MetaSecret));
                    break;
                case Route.X:
                    request.Headers.TryAddWithoutValidation("x-twitter-webhooks-signature", WebhookSigning.X(body, signing == Signing.WrongSecret ? "guess" : TestServer.XSecret));
                    break;
                default:
                    var at = (signing == Signing.Stale ? Now.AddMinutes(-10) : Now).ToUnixTimeSeconds();
                    var secret = signing == Signing.WrongSecret ? "whsec_" + Convert.ToBase64String("another-secret-entirely"u8.ToArray()) : TestServer.DeskSecret;
                    request.Headers.TryAddWithoutValidation("webhook-id", "msg_" + Guid.NewGuid().ToString("N"));
                    request.Headers.TryAddWithoutValidation("webhook-timestamp", at.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigning.Standard(request.Headers.GetValues("webhook-id").Single(), at, body, secret));
                    break;
            }
        }
        using var response = await _server.Client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task CheckAsync(Route route, byte[] body, Signing signing)
    {
        await _server.WaitProcessedAsync();
        var before = StoreChecksum();
        var inbox = _server.Scalar("SELECT count(*) FROM inbox");

        var status = await PostAsync(route, body, signing);

        if (body.Length > MaxBodyBytes) Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        else if (signing != Signing.Valid && !(signing == Signing.Stale && route != Route.Generic)) Assert.Equal(HttpStatusCode.Unauthorized, status);
        else Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"answered {(int)status}");

        if (status == HttpStatusCode.OK)
        {
            Assert.Equal(inbox + 1, _server.Scalar("SELECT count(*) FROM inbox"));
            return;
        }
        // The store is read after the answer: a rejected delivery must have written nothing at all, and the engine
        // (which had applied everything before) has nothing new to apply.
        await _server.WaitProcessedAsync();
        Assert.Equal(before, StoreChecksum());
    }

    [Property(MaxTest = 120)]
    public Property Prop_RejectedDeliveriesLeaveTheStoreUnchanged()
    {
        var signing = Gen.Frequency((6, Gen.Constant(Signing.Valid)), (1, Gen.Constant(Signing.WrongSecret)),
            (1, Gen.Constant(Signing.Missing)), (1, Gen.Constant(Signing.Stale)));
        return Prop.ForAll(HostileInput.Mutations(Seeds.Length, maxEdits: 3), signing.ToArbitrary(), (m, sign) =>
        {
            var (route, seed) = Seeds[m.Seed];
            CheckAsync(route, HostileInput.Apply(seed, m.Edits), sign).GetAwaiter().GetResult();
            return true;
        });
    }

    [Property(MaxTest = 60)]
    public Property Prop_RandomBytesAreRejectedWithoutATrace() =>
        Prop.ForAll(HostileInput.RandomBytes(), Gen.Elements(Route.Meta, Route.X, Route.Generic).ToArbitrary(), (body, route) =>
        {
            CheckAsync(route, body, Signing.Valid).GetAwaiter().GetResult();
            return true;
        });

    [Fact]
    public async Task DeepNestingAndInvalidUnicode_RejectedWithoutATrace()
    {
        foreach (var (route, seed) in Seeds) await CheckAsync(route, HostileInput.NestedInside(seed, 20_000), Signing.Valid);
        await CheckAsync(Route.Generic, "{\"type\":\"ticket.comment_added\",\"\\ud800\":1}"u8.ToArray(), Signing.Valid);
        Assert.Equal(0, _server.Scalar("SELECT count(*) FROM inbox"));
        // Invalid UTF-8 where text is read is refused; in a member the parser skips it may be accepted: either way the
        // answer and the store agree.
        foreach (var (route, seed) in Seeds) await CheckAsync(route, [.. seed[..(seed.Length / 2)], 0xFF, 0xFE, .. seed[(seed.Length / 2)..]], Signing.Valid);
    }
}
