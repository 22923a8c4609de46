namespace SocialSla.Core.Mentions;

/// <summary>A social platform or source that mentions come from.</summary>
/// <remarks>The wire name of each value is its lower-case name (see <see cref="PlatformNames"/>).</remarks>
public enum Platform : byte
{
    /// <summary>X (Twitter): tweets and DMs.</summary>
    X = 1,
    /// <summary>Facebook Page feed comments and Page mentions.</summary>
    Facebook,
    /// <summary>Messenger conversations with a Facebook Page.</summary>
    Messenger,
    /// <summary>Instagram comments, mentions and DMs.</summary>
    Instagram,
    /// <summary>Reddit posts and comments.</summary>
    Reddit,
    /// <summary>YouTube comment threads.</summary>
    YouTube,
    /// <summary>RSS 2.0 or Atom feeds of forums, blogs and review sites.</summary>
    Rss,
    /// <summary>A generic signed webhook (helpdesk forwarders).</summary>
    Generic,
}
