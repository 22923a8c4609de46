namespace SocialSla.Core.Pulls;

/// <summary>Which credential the host must add to a planned request; Core never sees the secret itself.</summary>
public enum PullAuth : byte
{
    /// <summary>No credential (public feeds).</summary>
    None = 0,
    /// <summary><c>Authorization: Bearer &lt;token&gt;</c> (X app token, Reddit OAuth token).</summary>
    Bearer,
    /// <summary><c>X-Goog-Api-Key: &lt;key&gt;</c> (YouTube Data API key, sent as a header so it never appears in a URL).</summary>
    GoogleApiKey,
}
