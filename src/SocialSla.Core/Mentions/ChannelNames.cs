namespace SocialSla.Core.Mentions;

/// <summary>Converts <see cref="Channel"/> values to and from their wire names (<c>dm</c>, <c>public_comment</c>, …).</summary>
public static class ChannelNames
{
    /// <summary>The wire name of a channel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined channel.</exception>
    public static string ToWireName(this Channel channel) => channel switch
    {
        Channel.Dm => "dm",
        Channel.PublicComment => "public_comment",
        Channel.Mention => "mention",
        Channel.Review => "review",
        Channel.Post => "post",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a defined channel."),
    };

    /// <summary>Parses a wire name, ignoring case.</summary>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a channel.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out Channel channel)
    {
        foreach (var candidate in Enum.GetValues<Channel>())
        {
            if (name.Equals(candidate.ToWireName(), StringComparison.OrdinalIgnoreCase))
            {
                channel = candidate;
                return true;
            }
        }
        channel = default;
        return false;
    }

    /// <summary>Whether the channel is private (a DM) rather than public.</summary>
    public static bool IsPrivate(this Channel channel) => channel == Channel.Dm;
}
