using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary>Turns a storage fault met by any API route (a write lock held past the busy timeout, a full disk, an I/O
/// error) into 503 with <c>Retry-After</c> and the reason, instead of a 500: the request changed nothing (its
/// statement or transaction was rolled back) and may be repeated.</summary>
internal static class StorageFaultAnswers
{
    public static Func<RequestDelegate, RequestDelegate> Middleware => next => async context =>
    {
        try
        {
            await next(context);
        }
        catch (SqliteException e) when (!context.Response.HasStarted)
        {
            var reason = StorageHealth.ReasonOf(e);
            context.RequestServices.GetService<ILogger<StorageHealth>>()?.LogError("{Method} {Path} met a storage fault: {Reason}", context.Request.Method, context.Request.Path.Value, reason);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            await ApiResults.Error(StatusCodes.Status503ServiceUnavailable, $"the store cannot answer now ({reason}); retry later").ExecuteAsync(context);
        }
    };
}
