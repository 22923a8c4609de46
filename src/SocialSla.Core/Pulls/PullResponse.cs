using NodaTime;

namespace SocialSla.Core.Pulls;

/// <summary>An HTTP response to a planned pull request, as the host received it.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Header">Looks up a response header (content headers included) by name, case-insensitively; <see langword="null"/> when absent.</param>
/// <param name="Body">The body bytes (the host bounds them to <see cref="PullProtocol.MaxBodyBytes"/> plus one byte).</param>
/// <param name="ReceivedAt">When the response arrived; it becomes each mention's received time.</param>
public sealed record PullResponse(int Status, Func<string, string?> Header, ReadOnlyMemory<byte> Body, Instant ReceivedAt)
{
    /// <summary>A header function for a response without headers.</summary>
    public static Func<string, string?> NoHeaders { get; } = _ => null;
}
