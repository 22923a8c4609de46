using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using SocialSla.Core.Webhooks;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary>The webhook routes (the same as the Functions app's): verify the handshake or the signature on the raw
/// bytes, check that the body parses, store the raw envelope durably, answer; the engine processes it afterwards.</summary>
/// <remarks>Answers: 200 once stored (with how many mentions it held and how many events were ignored), 401 for a
/// missing or wrong signature, 400 for a body that does not parse (with the reason), 413 for a body over the limit,
/// 404 for a platform or source that is not configured, 429 with Retry-After over the source's rate limit (when one is
/// configured), 503 when the store cannot take it. Nothing is stored unless
/// the answer is 200.</remarks>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/webhooks/meta", MetaHandshake);
        app.MapPost("/api/webhooks/meta", (HttpContext context, ServerSettings settings) =>
            settings.MetaAppSecrets.Count == 0
                ? Task.FromResult(ApiResults.Error(StatusCodes.Status404NotFound, "Meta webhooks are not configured (meta.appSecrets)"))
                : ReceiveAsync(context, EnvelopeKinds.Meta, "", (body, header, _) => MetaSignature.Verify(body, header, settings.MetaAppSecrets)));
        app.MapGet("/api/webhooks/x", XChallenge);
        app.MapPost("/api/webhooks/x", (HttpContext context, ServerSettings settings) =>
            settings.XConsumerSecrets.Count == 0
                ? Task.FromResult(ApiResults.Error(StatusCodes.Status404NotFound, "X webhooks are not configured (x.consumerSecrets)"))
                : ReceiveAsync(context, EnvelopeKinds.X, "", (body, header, _) => XSignature.Verify(body, header, settings.XConsumerSecrets)));
        app.MapPost("/api/webhooks/generic/{source}", (HttpContext context, ServerSettings settings, string source) =>
            !settings.GenericSources.TryGetValue(source, out var configured)
                ? Task.FromResult(ApiResults.Error(StatusCodes.Status404NotFound, $"no generic source '{source}' is configured"))
                : ReceiveAsync(context, EnvelopeKinds.Generic, source, (body, header, now) =>
                    GenericWebhookSignature.Verify(SchemeOf(configured.Scheme), body, header, configured.Secrets, now, configured.Tolerance)));
    }

    private delegate SignatureCheck Verifier(ReadOnlySpan<byte> body, Func<string, string?> header, Instant now);

    private static IResult MetaHandshake(HttpContext context, ServerSettings settings)
    {
        var query = context.Request.Query;
        return MetaVerification.TryAnswer(name => query[name].FirstOrDefault(), settings.MetaVerifyToken, out var challenge)
            ? Results.Text(challenge, "text/plain")
            : ApiResults.Error(StatusCodes.Status403Forbidden, "the verify token does not match");
    }

    private static IResult XChallenge(HttpContext context, ServerSettings settings)
    {
        if (settings.XConsumerSecrets.Count == 0) return ApiResults.Error(StatusCodes.Status404NotFound, "X webhooks are not configured (x.consumerSecrets)");
        var query = context.Request.Query;
        return XSignature.TryAnswerCrc(name => query[name].FirstOrDefault(), settings.XConsumerSecrets[0], out var token)
            ? Results.Json(new CrcResponse(token))
            : ApiResults.Error(StatusCodes.Status400BadRequest, "crc_token is required");
    }

    private sealed record CrcResponse(string response_token);

    private static async Task<IResult> ReceiveAsync(HttpContext context, string kind, string source, Verifier verify)
    {
        var services = context.RequestServices;
        var settings = services.GetService<ServerSettings>()!;
        var time = services.GetService<TimeProvider>()!;
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());

        if (!services.GetService<WebhookRateLimiter>()!.TryAcquire(kind == EnvelopeKinds.Generic ? "generic:" + source : kind, now, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.Error(StatusCodes.Status429TooManyRequests, "too many deliveries for this source; retry after the Retry-After seconds");
        }

        var body = await ReadBodyAsync(context.Request, settings.MaxBodyBytes, context.RequestAborted);
        if (body is null) return ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {settings.MaxBodyBytes} bytes");

        var headers = context.Request.Headers;
        var check = verify(body, name => headers.TryGetValue(name, out var value) ? value.ToString() : null, now);
        if (check != SignatureCheck.Valid)
            return ApiResults.Error(StatusCodes.Status401Unauthorized, $"signature {check.ToString().ToLowerInvariant()}");

        var decoder = services.GetService<EnvelopeDecoder>()!;
        if (!decoder.TryDecode(kind, source, body, now, out var batch, out var reason))
            return ApiResults.Error(StatusCodes.Status400BadRequest, reason);

        long seq;
        try
        {
            seq = await services.GetService<InboxWriter>()!.AppendAsync(new Envelope(kind, source, now, body, batch));
        }
        catch (StorageUnavailableException e)
        {
            services.GetService<ILogger<InboxWriter>>()?.LogError("A {Kind} webhook was refused: {Reason}", kind, e.Message);
            context.Response.Headers.RetryAfter = "5";
            return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "the delivery could not be stored; retry later");
        }
        var (mentions, ignored) = (batch.Mentions.Count, batch.Ignored);
        services.GetService<Observability.ServerMetrics>()?.EnvelopeStored(kind);
        // The envelope's sequence is the correlation id: the engine's and the alerts' log lines carry it on.
        var log = services.GetService<ILogger<InboxWriter>>();
        if (log?.IsEnabled(LogLevel.Debug) == true)
            log.LogDebug("Stored {Kind} envelope {EnvelopeSeq} from {Source}: {Mentions} mentions, {Ignored} ignored", kind, seq, source, mentions, ignored);
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("seq", seq);
            json.WriteNumber("mentions", mentions);
            json.WriteNumber("ignored", ignored);
            json.WriteEndObject();
        });
    }

    /// <summary>The raw body, or <see langword="null"/> when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, (int)(request.ContentLength ?? 16 * 1024) + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit) return null;
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0) break;
                length += read;
                if (length > limit) return null;
            }
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The configuration loader refused unknown names.
    private static GenericSignatureScheme SchemeOf(string name) =>
        GenericSignatureSchemeNames.TryParse(name, out var scheme) ? scheme.Value : GenericSignatureScheme.StandardWebhooks;
}
