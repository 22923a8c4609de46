namespace SocialSla.Core.Pulls;

/// <summary>The next HTTP <c>GET</c> a host should send for a source.</summary>
/// <param name="Url">The absolute URL, query parameters escaped.</param>
/// <param name="Headers">Extra request headers (e.g. <c>If-None-Match</c>, <c>If-Modified-Since</c>, <c>Accept</c>); never a secret.</param>
/// <param name="Auth">The credential the host adds from its own configuration.</param>
public sealed record PullRequestPlan(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, PullAuth Auth);
