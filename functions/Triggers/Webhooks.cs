using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Webhooks;
using SocialSla.Functions.Adapters;

namespace SocialSla.Functions.Triggers;

/// <summary>The webhook routes of the Standalone server, on Functions: verify the handshake or the signature on the raw
/// bytes (Core), check that the body parses (Core), send the raw envelope to the <c>mentions</c> queue with
/// MessageId = the delivery's id, answer 200. Nothing is queued unless the answer is 200.</summary>
/// <remarks>Anonymous at the Functions level: the platforms cannot send function keys; the signature is the check.</remarks>
public sealed class Webhooks(AppSettings settings, MentionQueue queue, ILogger<Webhooks> log)
{
    [Function("MetaHandshake")]
    public IActionResult MetaHandshake([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/meta")] HttpRequest request) =>
        MetaVerification.TryAnswer(name => request.Query[name].FirstOrDefault(), settings.MetaVerifyToken, out var challenge)
            ? new ContentResult { Content = challenge, ContentType = "text/plain", StatusCode = 200 }
            : Error(403, "the verify token does not match");

    [Function("MetaWebhook")]
    public Task<IActionResult> MetaWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/meta")] HttpRequest request) =>
        settings.MetaAppSecrets.Count == 0
            ? Task.FromResult(Error(404, "Meta webhooks are not configured (SocialSla__Meta__AppSecrets)"))
            : ReceiveAsync(request, Envelopes.Meta, "",
                (body, header, _) => MetaSignature.Verify(body, header, settings.MetaAppSecrets),
                (body, now) => (MetaWebhookParser.TryParse(body, settings.Brands, now, out var batch, out var error), batch, error));

    [Function("XChallenge")]
    public IActionResult XChallenge([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/x")] HttpRequest request)
    {
        if (settings.XConsumerSecrets.Count == 0) return Error(404, "X webhooks are not configured (SocialSla__X__ConsumerSecrets)");
        return XSignature.TryAnswerCrc(name => request.Query[name].FirstOrDefault(), settings.XConsumerSecrets[0], out var token)
            ? new JsonResult(new Dictionary<string, string> { ["response_token"] = token })
            : Error(400, "crc_token is required");
    }

    [Function("XWebhook")]
    public Task<IActionResult> XWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/x")] HttpRequest request) =>
        settings.XConsumerSecrets.Count == 0
            ? Task.FromResult(Error(404, "X webhooks are not configured (SocialSla__X__ConsumerSecrets)"))
            : ReceiveAsync(request, Envelopes.X, "",
                (body, header, _) => XSignature.Verify(body, header, settings.XConsumerSecrets),
                (body, now) => (XWebhookParser.TryParse(body, settings.Brands, now, out var batch, out var error), batch, error));

    [Function("GenericWebhook")]
    public Task<IActionResult> GenericWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/generic/{source}")] HttpRequest request, string source) =>
        !settings.GenericSources.TryGetValue(source, out var configured)
            ? Task.FromResult(Error(404, $"no generic source '{source}' is configured"))
            : ReceiveAsync(request, Envelopes.Generic, source,
                (body, header, now) => GenericWebhookSignature.Verify(configured.Scheme, body, header, configured.Secrets, now, Duration.FromTimeSpan(configured.Tolerance)),
                (body, now) => (GenericWebhookParser.TryParse(body, settings.Brands, configured.Account, now, out var batch, out var error), batch, error));

    private delegate SignatureCheck Verifier(ReadOnlySpan<byte> body, Func<string, string?> header, Instant now);

    private delegate (bool Ok, WebhookBatch? Batch, string? Error) Parser(ReadOnlySpan<byte> body, Instant now);

    private async Task<IActionResult> ReceiveAsync(HttpRequest request, string kind, string source, Verifier verify, Parser parse)
    {
        var received = DateTimeOffset.UtcNow;
        var now = Instant.FromDateTimeOffset(received);
        var body = await ReadBodyAsync(request, settings.MaxBodyBytes, request.HttpContext.RequestAborted);
        if (body is null) return Error(413, $"the body is larger than {settings.MaxBodyBytes} bytes");
        var check = verify(body, name => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null, now);
        if (check != SignatureCheck.Valid) return Error(401, $"signature {check.ToString().ToLowerInvariant()}");
        var (ok, batch, reason) = parse(body, now);
        if (!ok) return Error(400, reason ?? "the body does not parse");
        try
        {
            await queue.SendAsync(MessageIds.ForDelivery(kind, source, body), kind, source, received, body, request.HttpContext.RequestAborted);
        }
        catch (Azure.Messaging.ServiceBus.ServiceBusException e) when (e.IsTransient)
        {
            Log.WebhookNotQueued(log, e, kind);
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return Error(503, "the delivery could not be queued; retry later");
        }
        return new JsonResult(new { mentions = batch!.Mentions.Count, ignored = batch.Ignored });
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IActionResult Error(int status, string reason) => new ObjectResult(new { error = reason }) { StatusCode = status };
}
