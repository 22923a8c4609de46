using SocialSla.Core.Mentions;

namespace SocialSla.Core.Import;

/// <summary>What one import produced: the good messages in file order, the rejected records and the record count.</summary>
/// <remarks>Immutable once returned by an importer; safe to read from several threads.</remarks>
public sealed class ImportBatch
{
    internal ImportBatch(List<Mention> mentions, List<ImportIssue> issues, long rows, bool stopped)
        : this((IReadOnlyList<Mention>)mentions.AsReadOnly(), issues, rows, stopped)
    {
    }

    internal ImportBatch(IReadOnlyList<Mention> mentions, List<ImportIssue> issues, long rows, bool stopped)
    {
        Mentions = mentions;
        Issues = issues.AsReadOnly();
        Rows = rows;
        Stopped = stopped;
    }

    /// <summary>The messages of the good records, in file order.</summary>
    /// <remarks>An importer may keep the records compact and build each <see cref="Mention"/> when it is read, so
    /// two reads of one index give equal mentions, not necessarily the same instance.</remarks>
    public IReadOnlyList<Mention> Mentions { get; }

    /// <summary>The rejected records, in file order.</summary>
    public IReadOnlyList<ImportIssue> Issues { get; }

    /// <summary>The number of data records seen (good and bad), not counting a header.</summary>
    public long Rows { get; }

    /// <summary>Whether the import stopped early: at the first bad record in strict mode, or at an unusable header.</summary>
    public bool Stopped { get; }
}
