using System.Diagnostics.CodeAnalysis;

namespace SocialSla.Core.Mentions;

/// <summary>Converts <see cref="Platform"/> values to and from their wire names (<c>x</c>, <c>facebook</c>, …).</summary>
public static class PlatformNames
{
    /// <summary>The wire name of a platform: its lower-case name.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined platform.</exception>
    public static string ToWireName(this Platform platform) => platform switch
    {
        Platform.X => "x",
        Platform.Facebook => "facebook",
        Platform.Messenger => "messenger",
        Platform.Instagram => "instagram",
        Platform.Reddit => "reddit",
        Platform.YouTube => "youtube",
        Platform.Rss => "rss",
        Platform.Generic => "generic",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "Not a defined platform."),
    };

    /// <summary>Parses a wire name, ignoring case.</summary>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a platform.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out Platform platform)
    {
        foreach (var candidate in All)
        {
            if (name.Equals(candidate.ToWireName(), StringComparison.OrdinalIgnoreCase))
            {
                platform = candidate;
                return true;
            }
        }
        platform = default;
        return false;
    }

    /// <summary>Every defined platform, in declaration order.</summary>
    public static IReadOnlyList<Platform> All { get; } = Enum.GetValues<Platform>();

    /// <summary>Whether the platform is one of Meta's (Facebook, Messenger, Instagram), whose DMs have a reply window.</summary>
    public static bool IsMeta(this Platform platform) =>
        platform is Platform.Facebook or Platform.Messenger or Platform.Instagram;
}
