using Microsoft.AspNetCore.Http;

namespace SocialSla.Standalone.Server.Api;

/// <summary>Error answers: a status and one JSON object <c>{"error": "…"}</c> saying why.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string reason) => Results.Json(new ApiError(reason), statusCode: status);

    /// <summary>The body of an error answer.</summary>
    internal sealed record ApiError(string Error);
}
