using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Issue #8 item 2, through the real server: during a rotation the previous secret is configured after the
/// current one and both sign valid deliveries, per platform and per generic source; once the previous secret is
/// removed from the configuration, deliveries signed with it are refused (401) and store nothing.</summary>
public sealed class SecretRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 16, 12, 5, TimeSpan.Zero);

    private const string NewMeta = "meta-app-secret-2026-11";
    private const string OldMeta = "meta-app-secret-2026-05";
    private const string NewX = "x-consumer-secret-2026-11";
    private const string OldX = "x-consumer-secret-2026-05";
    private static readonly string NewDesk = "whsec_" + Convert.ToBase64String("desk-secret-2026-11"u8.ToArray());
    private static readonly string OldDesk = "whsec_" + Convert.ToBase64String("desk-secret-2026-05"u8.ToArray());

    private static readonly string RelaySecret = "whsec_" + Convert.ToBase64String("relay-secret-0001"u8.ToArray());

    public enum Route { Meta, X, Generic }

    private static Task<TestServer> StartAsync(bool withPrevious) => TestServer.StartAsync(new ManualTimeProvider(Now), options =>
    {
        options.Meta = new MetaOptions { AppSecrets = withPrevious ? [NewMeta, OldMeta] : [NewMeta], VerifyToken = TestServer.MetaVerifyToken };
        options.X = new XOptions { ConsumerSecrets = withPrevious ? [NewX, OldX] : [NewX] };
        var desk = options.GenericSources.Single(s => s.Name == "desk");
        desk.Secrets = withPrevious ? [NewDesk, OldDesk] : [NewDesk];
        options.GenericSources.Add(new GenericSourceOptions { Name = "relay", Secrets = [RelaySecret], Account = "x:ContosoCoffee" });
    });

    private static (string Path, byte[] Body) Delivery(Route route) => route switch
    {
        Route.Meta => ("/api/webhooks/meta", File.ReadAllBytes(SharedData.ExampleOf("meta_messenger_message.json"))),
        Route.X => ("/api/webhooks/x", File.ReadAllBytes(SharedData.ExampleOf("x_aaa_mention.json"))),
        _ => ("/api/webhooks/generic/desk", Encoding.UTF8.GetBytes(TestServer.Mention("rot-1", Now.AddMinutes(-2)))),
    };

    private static string Current(Route route) => route switch { Route.Meta => NewMeta, Route.X => NewX, _ => NewDesk };

    private static string Previous(Route route) => route switch { Route.Meta => OldMeta, Route.X => OldX, _ => OldDesk };

    private static async Task<HttpStatusCode> PostAsync(TestServer server, Route route, string secret, string path = "")
    {
        var (route_, body) = Delivery(route);
        using var request = new HttpRequestMessage(HttpMethod.Post, path.Length > 0 ? path : route_) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        switch (route)
        {
            case Route.Meta: request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WebhookSigning.Meta(body, secret)); break;
            case Route.X: request.Headers.TryAddWithoutValidation("x-twitter-webhooks-signature", WebhookSigning.X(body, secret)); break;
            default:
                var at = Now.ToUnixTimeSeconds();
                var id = "msg_" + Guid.NewGuid().ToString("N");
                request.Headers.TryAddWithoutValidation("webhook-id", id);
                request.Headers.TryAddWithoutValidation("webhook-timestamp", at.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigning.Standard(id, at, body, secret));
                break;
        }
        using var response = await server.Client.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [InlineData(Route.Meta)]
    [InlineData(Route.X)]
    [InlineData(Route.Generic)]
    public async Task PreviousSecret_AcceptedWhileConfigured_RefusedAfterRemoval(Route route)
    {
        await using (var rotating = await StartAsync(withPrevious: true))
        {
            Assert.Equal(HttpStatusCode.OK, await PostAsync(rotating, route, Previous(route)));
            Assert.Equal(HttpStatusCode.OK, await PostAsync(rotating, route, Current(route)));
            Assert.Equal(2, rotating.Scalar("SELECT count(*) FROM inbox"));
        }

        await using var rotated = await StartAsync(withPrevious: false);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(rotated, route, Previous(route)));
        Assert.Equal(0, rotated.Scalar("SELECT count(*) FROM inbox"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(rotated, route, Current(route)));
        Assert.Equal(1, rotated.Scalar("SELECT count(*) FROM inbox"));
    }

    [Fact]
    public async Task GenericSecrets_ArePerSource_OneSourcesSecretSignsNothingForAnother()
    {
        await using var server = await StartAsync(withPrevious: true);

        // Two Standard Webhooks sources: the desk's secrets (current or previous) sign nothing for the relay.
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(server, Route.Generic, OldDesk, "/api/webhooks/generic/relay"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(server, Route.Generic, NewDesk, "/api/webhooks/generic/relay"));
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM inbox"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(server, Route.Generic, RelaySecret, "/api/webhooks/generic/relay"));
        Assert.Equal(1, server.Scalar("SELECT count(*) FROM inbox"));
    }

    [Fact]
    public async Task XCrc_DuringRotation_AnswersWithTheCurrentSecret()
    {
        await using var server = await StartAsync(withPrevious: true);

        using var response = await server.Client.GetAsync("/api/webhooks/x?crc_token=rotation-check");

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var expected = "sha256=" + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(NewX), "rotation-check"u8));
        Assert.Equal(expected, answer.RootElement.GetProperty("response_token").GetString());
    }
}
