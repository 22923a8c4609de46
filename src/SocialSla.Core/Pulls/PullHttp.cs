using System.Net.Http.Headers;
using NodaTime;

namespace SocialSla.Core.Pulls;

/// <summary>A <see cref="PullRequestPlan"/> as an HTTP request and the answer as a <see cref="PullResponse"/>, the same
/// for both hosts: the plan's headers and credential on a GET; the body read to one byte past
/// <see cref="PullProtocol.MaxBodyBytes"/> (so an oversized page is refused by the protocol, not cut short); every
/// header kept by name.</summary>
public static class PullHttp
{
    /// <summary>The GET request for <paramref name="plan"/>, carrying <paramref name="credential"/> the way the plan says.</summary>
    public static HttpRequestMessage CreateRequest(PullRequestPlan plan, string? credential)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var request = new HttpRequestMessage(HttpMethod.Get, plan.Url);
        foreach (var (name, value) in plan.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (credential is null) return request;
        switch (plan.Auth)
        {
            case PullAuth.Bearer: request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential); break;
            case PullAuth.GoogleApiKey: request.Headers.TryAddWithoutValidation("X-Goog-Api-Key", credential); break;
        }
        return request;
    }

    /// <summary>Reads <paramref name="response"/>; <paramref name="now"/> stamps it once the body is in.</summary>
    public static async Task<PullResponse> ReadResponseAsync(HttpResponseMessage response, Func<Instant> now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(now);
        var body = await ReadBoundedAsync(response.Content, PullProtocol.MaxBodyBytes + 1, cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers) headers[name] = string.Join(", ", values);
        foreach (var (name, values) in response.Content.Headers) headers[name] = string.Join(", ", values);
        return new PullResponse((int)response.StatusCode, name => headers.GetValueOrDefault(name), body, now());
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
