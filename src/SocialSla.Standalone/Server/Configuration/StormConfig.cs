using System.Diagnostics.CodeAnalysis;
using NodaTime;
using SocialSla.Core.Alerts.Storms;

namespace SocialSla.Standalone.Server.Configuration;

/// <summary>Storm control (<c>storm</c>): when more than <see cref="Threshold"/> alerts of one level for one account
/// reach a sink within <see cref="WindowMinutes"/>, the sink gets one grouped incident instead of a page each.</summary>
internal sealed class StormConfigOptions
{
    /// <summary>Off: every alert goes on its own (default on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>More than this many alerts within the window make a storm (default 5).</summary>
    public int Threshold { get; set; } = 5;

    /// <summary>The window the threshold is counted in, in minutes (default 10).</summary>
    public int WindowMinutes { get; set; } = 10;

    /// <summary>Per-sink cooldown: a group's rolling count is sent at most this often, in minutes (default 5; 0: each alert).</summary>
    public int UpdateEveryMinutes { get; set; } = 5;

    /// <summary>A group closes, with its final count, after this many minutes without a new alert (default 15).</summary>
    public int EndsAfterQuietMinutes { get; set; } = 15;

    /// <summary>Cases listed in a group (the count covers all; default 50).</summary>
    public int ListedCases { get; set; } = 50;
}

/// <summary>Validates <c>storm</c>.</summary>
internal static class StormConfig
{
    public static bool TryCreate(StormConfigOptions? options, out StormOptions? storm, [NotNullWhen(false)] out string? error)
    {
        options ??= new StormConfigOptions();
        storm = null;
        error = options switch
        {
            { Threshold: < 1 or > 100_000 } => "storm.threshold must be between 1 and 100000",
            { WindowMinutes: < 1 or > 24 * 60 } => "storm.windowMinutes must be between 1 and 1440",
            { UpdateEveryMinutes: < 0 or > 24 * 60 } => "storm.updateEveryMinutes must be between 0 and 1440",
            { EndsAfterQuietMinutes: < 1 or > 24 * 60 } => "storm.endsAfterQuietMinutes must be between 1 and 1440",
            { ListedCases: < 1 or > 1000 } => "storm.listedCases must be between 1 and 1000",
            _ => null,
        };
        if (error is not null) return false;
        if (options.Enabled)
        {
            storm = new StormOptions
            {
                Threshold = options.Threshold,
                Window = Duration.FromMinutes(options.WindowMinutes),
                UpdateEvery = Duration.FromMinutes(options.UpdateEveryMinutes),
                EndsAfterQuiet = Duration.FromMinutes(options.EndsAfterQuietMinutes),
                ListedCases = options.ListedCases,
            };
        }
        return true;
    }
}
