using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SocialSla.Standalone.Server.Api;

namespace SocialSla.Standalone.Server.Board;

/// <summary><c>GET /</c> (the board page, with the case and KPI views behind hash routes) and
/// <c>GET /board/{file}</c> (its style and script). No token is needed to load them: the page asks for one and sends
/// it to the API.</summary>
/// <remarks>Only these routes are mapped (no fallback), so an unknown path, under <c>/api</c> or not, stays a 404.
/// The page allows scripts, styles and connections to its own origin only (Content-Security-Policy).</remarks>
internal static class BoardEndpoints
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void MapBoardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => Serve(context, "index.html"));
        app.MapGet("/board/{file}", (string file, HttpContext context) => Serve(context, file));
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (file == "index.html" && context.Request.Path != "/" || !BoardAssets.TryGet(file, out var bytes, out var contentType))
            return ApiResults.Error(StatusCodes.Status404NotFound, $"no board file '{file}'");
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(bytes, contentType);
    }
}
