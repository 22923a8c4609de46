using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using SocialSla.Standalone.Server.Configuration;

namespace SocialSla.Standalone.Server.Api;

/// <summary>Bearer tokens for the API: every route under <c>/api/</c> except the webhooks (which authenticate by
/// signature) needs a configured token; a missing or unknown token is 401, a read-only token on a write is 403.</summary>
/// <remarks>Tokens are configured as SHA-256 hashes; the presented token is hashed and compared with every configured
/// hash in constant time, so neither the token nor the position of a match leaks through timing.</remarks>
internal static class ApiAuthentication
{
    private const string CallerKey = "socialsla.caller";

    /// <summary>The token that authenticated the request.</summary>
    public static ApiToken Caller(this HttpContext context) => (ApiToken)context.Items[CallerKey]!;

    public static Func<RequestDelegate, RequestDelegate> Middleware(IReadOnlyList<ApiToken> tokens) => next => async context =>
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") || path.StartsWithSegments("/api/webhooks"))
        {
            await next(context);
            return;
        }
        var token = Authenticate(context.Request.Headers.Authorization.ToString(), tokens);
        if (token is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiResults.Error(StatusCodes.Status401Unauthorized, "a valid bearer token is required (Authorization: Bearer <token>)").ExecuteAsync(context);
            return;
        }
        var writes = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        if (writes && token.Role < ApiRole.Agent)
        {
            await ApiResults.Error(StatusCodes.Status403Forbidden, $"the token '{token.Name}' is read-only; acknowledging and resolving need an agent token").ExecuteAsync(context);
            return;
        }
        context.Items[CallerKey] = token;
        await next(context);
    };

    private static ApiToken? Authenticate(string header, IReadOnlyList<ApiToken> tokens)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var presented = header[scheme.Length..].Trim();
        if (presented.Length == 0) return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiToken? match = null;
        foreach (var token in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, token.Sha256)) match = token;
        }
        return match;
    }

    /// <summary>The lowercase hex SHA-256 of a token, as the configuration stores it.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
