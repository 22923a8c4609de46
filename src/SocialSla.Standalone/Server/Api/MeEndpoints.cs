using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SocialSla.Standalone.Server.Configuration;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /api/me</c>: the name and role (<c>read</c> or <c>agent</c>) of the token that asks, and the server's clock, so the board
/// offers acknowledge and resolve only where they would be allowed.</summary>
internal static class MeEndpoints
{
    public static void MapMeEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/api/me", (HttpContext context, TimeProvider time) =>
    {
        var now = NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow());
        var caller = context.Caller();
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteString("name", caller.Name);
            json.WriteString("role", caller.Role.Name());
            json.WriteString("now", ApiTime.Format(now));
            json.WriteEndObject();
        });
    });
}
