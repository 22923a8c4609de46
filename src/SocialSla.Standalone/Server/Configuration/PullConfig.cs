using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Pulls;
using SocialSla.Standalone.Pulls;

namespace SocialSla.Standalone.Server.Configuration;

/// <summary>Turns a configured pull source into a job (Core's <see cref="PullSourceSettings"/>), with the setting at
/// fault named when it cannot.</summary>
internal static class PullConfig
{
    /// <summary>The shortest interval serve takes.</summary>
    public const int MinIntervalSeconds = 10;

    public static bool TryCreate(PullOptions options, [NotNullWhen(true)] out PullJob? job, [NotNullWhen(false)] out string? error)
    {
        job = null;
        var settings = new PullSourceSettings(options.Name, options.Kind, options.Account, options.Url, options.Query, options.Subreddit,
            options.VideoId, options.BrandId, options.BrandHandle, options.Channel, options.IntervalSeconds);
        if (!settings.TryCreate(MinIntervalSeconds, out var source, out var interval, out error)) return false;
        job = new PullJob(source, interval, options.Credential);
        return true;
    }
}
