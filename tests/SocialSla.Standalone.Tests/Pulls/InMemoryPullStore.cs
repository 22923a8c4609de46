using SocialSla.Core.Mentions;
using SocialSla.Standalone.Pulls;

namespace SocialSla.Standalone.Tests.Pulls;

/// <summary>An <see cref="IPullStore"/> in memory that records every commit; can be told to fail.</summary>
internal sealed class InMemoryPullStore : IPullStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _cursors = [];
    private readonly List<(string Source, IReadOnlyList<Mention> Mentions, string Cursor)> _commits = [];

    public List<(string Source, IReadOnlyList<Mention> Mentions, string Cursor)> Commits
    {
        get { lock (_gate) return [.. _commits]; }
    }

    public string? CursorOf(string source)
    {
        lock (_gate) return _cursors.GetValueOrDefault(source);
    }

    public Task<string?> LoadCursorAsync(string source, CancellationToken ct) => Task.FromResult(CursorOf(source));

    public Task CommitAsync(string source, IReadOnlyList<Mention> mentions, string cursor, CancellationToken ct)
    {
        lock (_gate)
        {
            _commits.Add((source, mentions, cursor));
            _cursors[source] = cursor;
        }
        return Task.CompletedTask;
    }
}
