namespace SocialSla.Core.Pulls;

/// <summary>What a pulled response amounted to.</summary>
public enum PullOutcome : byte
{
    /// <summary>A page was read; its mentions and the new cursor should be committed together.</summary>
    Ok = 1,
    /// <summary><c>304 Not Modified</c>: nothing new, the cursor is unchanged.</summary>
    NotModified,
    /// <summary><c>429</c>: the source is rate limited; see <see cref="PullResult.RetryAt"/>.</summary>
    RateLimited,
    /// <summary>Any other non-success HTTP status.</summary>
    HttpError,
    /// <summary>A success status with a body that could not be read (wrong shape, not XML/JSON, too large, a DTD).</summary>
    BadBody,
}
