using SocialSla.Core.Mentions;

namespace SocialSla.Standalone.Pulls;

/// <summary>Where pulled mentions and each source's cursor are kept (SQLite in the server, memory in tests).</summary>
/// <remarks>Implementations must make <see cref="CommitAsync"/> atomic: the mentions and the cursor are stored
/// together or not at all, so a crash between pages repeats a page (harmless, mentions are deduplicated) and never
/// skips one. Calls for different sources may run concurrently.</remarks>
public interface IPullStore
{
    /// <summary>Loads the cursor last committed for <paramref name="source"/>, or <see langword="null"/> when the source was never read.</summary>
    Task<string?> LoadCursorAsync(string source, CancellationToken ct);

    /// <summary>Stores a page's mentions and the cursor that follows it, atomically.</summary>
    Task CommitAsync(string source, IReadOnlyList<Mention> mentions, string cursor, CancellationToken ct);
}
