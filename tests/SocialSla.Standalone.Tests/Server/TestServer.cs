using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialSla.Standalone.Server;
using SocialSla.Standalone.Server.Alerts;
using SocialSla.Standalone.Server.Api;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>A real <c>socialsla serve</c> on loopback (Kestrel, port chosen by the OS) with a real SQLite file in a
/// temporary folder, configured like the examples in shared/reference (Contoso's Page, Instagram and X accounts).</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string ReadToken = "read-token-for-tests";
    public const string AgentToken = "agent-token-for-tests";
    public const string MetaSecret = "test_meta_app_secret_0001";
    public const string MetaVerifyToken = "contoso-verify-7f3a";
    public const string XSecret = "test_x_consumer_secret_0001";
    public const string PageId = "104857600123456";
    public const string InstagramId = "17841400000012345";
    public const string XUserId = "1500000000000000001";

    private readonly WebApplication _app;

    private TestServer(WebApplication app, string folder, Uri address)
    {
        _app = app;
        Folder = folder;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Folder { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public PipelineEngine Engine => _app.Services.GetRequiredService<PipelineEngine>();

    public IServiceProvider Services => _app.Services;

    public SqliteDatabase Database => _app.Services.GetRequiredService<SqliteDatabase>();

    public string AlertsFile => Path.Combine(Folder, "alerts.jsonl");

    /// <summary>The options every test server starts from; a test may change them before the start.</summary>
    public static ServerOptions DefaultOptions() => new()
    {
        Database = "state.db",
        Accounts =
        [
            new AccountOptions { Account = "facebook:ContosoCoffee", PlatformUserId = PageId },
            new AccountOptions { Account = "messenger:ContosoCoffee", PlatformUserId = PageId },
            new AccountOptions { Account = "instagram:contosocoffee", PlatformUserId = InstagramId },
            new AccountOptions { Account = "x:ContosoCoffee", PlatformUserId = XUserId, Handle = "ContosoCoffee" },
        ],
        Meta = new MetaOptions { AppSecrets = [MetaSecret], VerifyToken = MetaVerifyToken },
        X = new XOptions { ConsumerSecrets = [XSecret] },
        GenericSources =
        [
            new GenericSourceOptions { Name = "desk", Secrets = ["whsec_" + Convert.ToBase64String("generic-test-secret-0001"u8.ToArray())], Account = "x:ContosoCoffee" },
            new GenericSourceOptions { Name = "stripe", Scheme = "stripe", Secrets = ["whsec_test_0001"], Account = "x:ContosoCoffee" },
            new GenericSourceOptions { Name = "github", Scheme = "github", Secrets = ["gh_test_secret_0001"], Account = "x:ContosoCoffee" },
            new GenericSourceOptions { Name = "slack", Scheme = "slack", Secrets = ["test_slack_signing_secret_0001"], Account = "x:ContosoCoffee" },
            new GenericSourceOptions { Name = "zendesk", Scheme = "zendesk", Secrets = ["test_zendesk_secret_0001"], Account = "x:ContosoCoffee" },
        ],
        Tokens =
        [
            new TokenOptions { Name = "reader", Role = "read", Sha256 = ApiAuthentication.HashOf(ReadToken) },
            new TokenOptions { Name = "agent", Role = "agent", Sha256 = ApiAuthentication.HashOf(AgentToken) },
        ],
        Sinks = [new SinkOptions { Type = "jsonl", Path = "alerts.jsonl" }],
    };

    public static async Task<TestServer> StartAsync(TimeProvider? time = null, Action<ServerOptions>? configure = null, string? policy = null, string? folder = null, string? triage = null,
        ILoggerProvider? logs = null)
    {
        folder ??= Directory.CreateTempSubdirectory("socialsla-server-").FullName;
        var options = DefaultOptions();
        configure?.Invoke(options);
        if (!ServerConfigLoader.TryValidate(options, policy, folder, out var settings, out var error))
            throw new InvalidOperationException($"The test configuration is invalid: {error}");
        if (triage is not null)
        {
            if (!SocialSla.Core.Triage.TriageOptionsParser.TryParse(triage, null, out var triageOptions, out var triageError))
                throw new InvalidOperationException($"The test triage configuration is invalid: {triageError}");
            settings = settings with { Triage = triageOptions };
        }
        var app = logs is null
            ? ServerHost.Build(settings, "http://127.0.0.1:0", time ?? TimeProvider.System, TextWriter.Null, LogLevel.Warning)
            : ServerHost.Build(settings, "http://127.0.0.1:0", time ?? TimeProvider.System, TextWriter.Null, LogLevel.Trace, logging => logging.AddProvider(logs));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, folder, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A request with a bearer token.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? token = ReadToken)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>The Standard Webhooks secret of the <c>desk</c> generic source.</summary>
    public static readonly string DeskSecret = "whsec_" + Convert.ToBase64String("generic-test-secret-0001"u8.ToArray());

    /// <summary>Posts JSONL mention lines to the <c>desk</c> generic source, signed at <paramref name="signedAt"/>.</summary>
    public async Task<HttpResponseMessage> PostMentionsAsync(DateTimeOffset signedAt, params string[] lines)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines));
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var unix = signedAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/generic/desk") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", unix.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigning.Standard(id, unix, body, DeskSecret));
        return await Client.SendAsync(request);
    }

    /// <summary>One JSONL mention line for Contoso's X account.</summary>
    public static string Mention(string id, DateTimeOffset at, bool fromBrand = false, string? parent = null, string channel = "mention", string? thread = null, string author = "200334", string text = "my order is late") =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["platform"] = "x", ["account"] = "ContosoCoffee", ["channel"] = channel, ["parentId"] = parent, ["threadKey"] = thread,
            ["author"] = new Dictionary<string, object?> { ["id"] = fromBrand ? XUserId : author, ["handle"] = fromBrand ? "ContosoCoffee" : "alice" },
            ["fromBrand"] = fromBrand, ["text"] = text, ["createdAt"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>Sends a request with a token and parses the JSON answer.</summary>
    public async Task<(System.Net.HttpStatusCode Status, System.Text.Json.JsonElement Body)> SendAsync(HttpMethod method, string path, string? token = ReadToken)
    {
        using var request = Request(method, path, token);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    /// <summary>Waits until the engine has applied everything in the inbox.</summary>
    public async Task WaitProcessedAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var end = Scalar("SELECT coalesce(max(seq), 0) FROM inbox");
            var status = Engine.Status;
            if (status.ProcessedSeq >= end && Scalar("SELECT coalesce((SELECT value FROM engine WHERE name = 'processed_seq'), 0)") >= end) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"The engine applied {status.ProcessedSeq} of {end} inbox rows.");
            await Task.Delay(5);
        }
    }

    public long Scalar(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private bool _stopped;

    /// <summary>Stops the server and keeps its folder, to start another on the same database (<c>folder:</c>).</summary>
    public async Task StopKeepingFolderAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _stopped = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped) await StopKeepingFolderAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
