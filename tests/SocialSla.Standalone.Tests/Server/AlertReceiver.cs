using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>A real HTTP receiver on loopback standing in for Teams, Slack, PagerDuty or a webhook consumer: records
/// each request's raw body, parsed JSON and headers, and answers 200 (or what the test says).</summary>
internal sealed class AlertReceiver : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly Func<int, int> _status;
    private int _calls;

    public sealed record Received(int Status, byte[] Raw, JsonElement Body, IReadOnlyDictionary<string, string> Headers);

    private AlertReceiver(LoopbackServer server, Func<int, int> status)
    {
        _server = server;
        _status = status;
    }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Url => new(_server.BaseUrl, "hook");

    public IReadOnlyList<JsonElement> Bodies => Requests.Where(r => r.Status is >= 200 and < 300).Select(r => r.Body).ToList();

    public static async Task<AlertReceiver> StartAsync(Func<int, int>? status = null)
    {
        AlertReceiver? receiver = null;
        var server = await LoopbackServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var code = receiver!._status(Interlocked.Increment(ref receiver._calls));
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver.Requests.Enqueue(new Received(code, body.ToArray(), JsonDocument.Parse(body.ToArray()).RootElement.Clone(), headers));
            context.Response.StatusCode = code;
        });
        receiver = new AlertReceiver(server, status ?? (_ => StatusCodes.Status200OK));
        return receiver;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
