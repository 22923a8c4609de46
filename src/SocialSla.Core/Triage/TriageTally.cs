using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>Counts of triage verdicts for a report: messages triaged, actionable, noise (by reason), by priority, by
/// sentiment, by queue and tag, and per case the sentiment change from the first to the last customer message.</summary>
/// <remarks>
/// <para>Mergeable: <see cref="Merge"/> is commutative and associative, so partitions tallied apart and merged give the
/// tally of the whole in any split. Queues and tags count non-noise messages (a message with two tags counts under
/// both, so tag counts do not sum to the messages).</para>
/// <para>A case's change compares the sentiment labels of its first and last customer messages whose language the
/// analyser knows (<see cref="SentimentLabel.Unknown"/> ones are skipped); cases with fewer than two such messages are
/// not compared. Not thread-safe.</para>
/// </remarks>
public sealed class TriageTally
{
    private readonly long[] _noiseByReason = new long[5];
    private readonly long[] _byPriority = new long[4];
    private readonly long[] _bySentiment = new long[4];
    private readonly Dictionary<string, long> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tags = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Customer messages triaged.</summary>
    public long Messages { get; private set; }

    /// <summary>Of which actionable (they may start a clock).</summary>
    public long Actionable { get; private set; }

    /// <summary>Of which noise (never actionable).</summary>
    public long Noise { get; private set; }

    /// <summary>Cases whose first and last customer messages were compared.</summary>
    public long CasesCompared { get; private set; }

    /// <summary>Of which the last message's sentiment label is better than the first's (negative → neutral/positive,
    /// neutral → positive).</summary>
    public long CasesImproved { get; private set; }

    /// <summary>Of which it is worse.</summary>
    public long CasesWorsened { get; private set; }

    /// <summary>Of which it is the same label.</summary>
    public long CasesUnchanged { get; private set; }

    /// <summary>The sum over compared cases of last score − first score (each in −2…2, rounded to millionths and
    /// summed as integers, so the sum is the same in any merge order).</summary>
    public double ScoreChangeSum => _scoreChangeMillionths / 1e6;

    private long _scoreChangeMillionths;

    /// <summary>The mean score change over compared cases; <see langword="null"/> when none was compared.</summary>
    public double? MeanScoreChange => CasesCompared > 0 ? ScoreChangeSum / CasesCompared : null;

    /// <summary>Non-noise messages per queue.</summary>
    public IReadOnlyDictionary<string, long> Queues => _queues;

    /// <summary>Non-noise messages per routing tag.</summary>
    public IReadOnlyDictionary<string, long> Tags => _tags;

    /// <summary>Messages judged noise for <paramref name="reason"/> (one flag; a message with two reasons counts under both).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is not a single defined reason.</exception>
    public long NoiseFor(NoiseReasons reason)
    {
        var bit = System.Numerics.BitOperations.TrailingZeroCount((uint)reason);
        if (System.Numerics.BitOperations.PopCount((uint)reason) != 1 || bit >= _noiseByReason.Length)
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Give one defined noise reason.");
        return _noiseByReason[bit];
    }

    /// <summary>Messages triaged with <paramref name="priority"/>.</summary>
    public long WithPriority(Priority priority) => _byPriority[PriorityIndex(priority)];

    /// <summary>Messages triaged with a sentiment <paramref name="label"/>.</summary>
    public long WithSentiment(SentimentLabel label) => _bySentiment[(int)label];

    /// <summary>Counts one verdict.</summary>
    public void Add(in TriageResult verdict)
    {
        Messages++;
        if (verdict.Actionable) Actionable++;
        _byPriority[PriorityIndex(verdict.Priority)]++;
        _bySentiment[(int)verdict.Sentiment.Label]++;
        if (verdict.IsNoise)
        {
            Noise++;
            for (var bit = 0; bit < _noiseByReason.Length; bit++)
                if (((int)verdict.Noise & (1 << bit)) != 0) _noiseByReason[bit]++;
            return;
        }
        _queues[verdict.Queue] = _queues.GetValueOrDefault(verdict.Queue) + 1;
        foreach (var tag in verdict.Tags) _tags[tag] = _tags.GetValueOrDefault(tag) + 1;
    }

    /// <summary>Counts one case's sentiment change from its <paramref name="first"/> to its <paramref name="last"/>
    /// customer message (both of a known label).</summary>
    /// <exception cref="ArgumentException">A label is <see cref="SentimentLabel.Unknown"/>.</exception>
    public void AddCase(SentimentScore first, SentimentScore last)
    {
        if (first.Label == SentimentLabel.Unknown || last.Label == SentimentLabel.Unknown)
            throw new ArgumentException($"Only known sentiment is compared; the labels are {first.Label} and {last.Label}.", nameof(first));
        CasesCompared++;
        _scoreChangeMillionths += (long)Math.Round(((double)last.Score - first.Score) * 1e6);
        if (last.Label > first.Label) CasesImproved++;
        else if (last.Label < first.Label) CasesWorsened++;
        else CasesUnchanged++;
    }

    /// <summary>Adds every count of <paramref name="other"/> to this tally.</summary>
    public void Merge(TriageTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Messages += other.Messages;
        Actionable += other.Actionable;
        Noise += other.Noise;
        CasesCompared += other.CasesCompared;
        CasesImproved += other.CasesImproved;
        CasesWorsened += other.CasesWorsened;
        CasesUnchanged += other.CasesUnchanged;
        _scoreChangeMillionths += other._scoreChangeMillionths;
        for (var i = 0; i < _noiseByReason.Length; i++) _noiseByReason[i] += other._noiseByReason[i];
        for (var i = 0; i < _byPriority.Length; i++) _byPriority[i] += other._byPriority[i];
        for (var i = 0; i < _bySentiment.Length; i++) _bySentiment[i] += other._bySentiment[i];
        foreach (var (queue, count) in other._queues) _queues[queue] = _queues.GetValueOrDefault(queue) + count;
        foreach (var (tag, count) in other._tags) _tags[tag] = _tags.GetValueOrDefault(tag) + count;
    }

    private static int PriorityIndex(Priority priority) =>
        priority is >= Priority.Low and <= Priority.Urgent
            ? (int)priority - 1
            : throw new ArgumentOutOfRangeException(nameof(priority), priority, "Not a defined priority.");
}
