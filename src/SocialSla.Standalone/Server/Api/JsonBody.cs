using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SocialSla.Standalone.Server.Api;

/// <summary>An answer written straight to the response with a <see cref="Utf8JsonWriter"/>.</summary>
internal sealed class JsonBody(Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false })) write(writer);
        // A known length: one write, no chunked framing (most answers here are a webhook's few-byte acknowledgement).
        httpContext.Response.ContentLength = buffer.WrittenCount;
        await httpContext.Response.Body.WriteAsync(buffer.WrittenMemory);
    }
}
