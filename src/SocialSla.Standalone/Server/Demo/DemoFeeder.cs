using System.Net.Http.Headers;
using NodaTime;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;
using SocialSla.Core.Webhooks;

namespace SocialSla.Standalone.Server.Demo;

/// <summary>Posts the demo's generated traffic to the running server as signed generic webhooks, at a humane pace:
/// the generated timeline runs <see cref="Speedup"/> times faster than it was written (a 15-minute reply arrives after
/// 30 seconds), with at most <see cref="MaxPerSecond"/> messages a second, each stamped with the moment it is sent.</summary>
internal sealed class DemoFeeder(DemoSetup setup, Uri server, TimeProvider time, TextWriter output)
{
    public const double Speedup = 30;
    public const double MaxPerSecond = 4;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        var traffic = setup.Traffic;
        if (traffic.Count == 0) return;
        var origin = traffic[0].CreatedAt;
        var started = time.GetUtcNow();
        var sent = 0;
        try
        {
            for (var i = 0; i < traffic.Count && !stopping.IsCancellationRequested; i++)
            {
                var original = traffic[i];
                var dueAfter = TimeSpan.FromTicks((long)((original.CreatedAt - origin).BclCompatibleTicks / Speedup));
                var paced = TimeSpan.FromSeconds(i / MaxPerSecond);
                var wait = started + (dueAfter > paced ? dueAfter : paced) - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stopping);

                var now = Instant.FromDateTimeOffset(time.GetUtcNow());
                var mention = original with { CreatedAt = now, ReceivedAt = now };
                var body = JsonlMentionWriter.ToUtf8(mention);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/generic/demo") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var id = $"demo-{i}";
                request.Headers.TryAddWithoutValidation("webhook-id", id);
                request.Headers.TryAddWithoutValidation("webhook-timestamp", StandardWebhooksSigner.Timestamp(now));
                request.Headers.TryAddWithoutValidation("webhook-signature", StandardWebhooksSigner.Sign(id, now, body, setup.Secret));
                using var response = await http.SendAsync(request, stopping);
                if (!response.IsSuccessStatusCode)
                    output.WriteLine($"Demo: the server refused message {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stopping)}");
                if (++sent % 100 == 0) output.WriteLine($"Demo: {sent:N0} of {traffic.Count:N0} messages sent.");
            }
            output.WriteLine($"Demo: all {sent:N0} messages sent; clocks keep running until every case resolves.");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (HttpRequestException e)
        {
            output.WriteLine($"Demo: the feeder stopped: {e.Message}");
        }
    }
}
