namespace SocialSla.Core.Triage;

/// <summary>A confusion matrix of sentiment labels (expected × predicted) with the usual scores over the three
/// classes negative, neutral and positive.</summary>
/// <remarks>
/// <para>Rows are the expected label, columns the predicted one, both indexed by <see cref="SentimentLabel"/>
/// (0 = unknown). A prediction of <see cref="SentimentLabel.Unknown"/> counts as a miss of the expected class.
/// Macro-F1 is the mean of the three classes' F1; a class with no expected and no predicted documents scores 0.</para>
/// <para>Mutable (<see cref="Add"/>); not thread-safe.</para>
/// </remarks>
public sealed class SentimentConfusion
{
    private readonly long[,] _counts = new long[4, 4];

    /// <summary>The three scored classes, in report order.</summary>
    public static IReadOnlyList<SentimentLabel> Classes { get; } = [SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive];

    /// <summary>Counts one document.</summary>
    public void Add(SentimentLabel expected, SentimentLabel predicted) => _counts[(int)expected, (int)predicted]++;

    /// <summary>The number of documents with label <paramref name="expected"/> predicted as <paramref name="predicted"/>.</summary>
    public long Count(SentimentLabel expected, SentimentLabel predicted) => _counts[(int)expected, (int)predicted];

    /// <summary>The number of documents counted.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (var n in _counts) total += n;
            return total;
        }
    }

    /// <summary>The share of documents predicted correctly.</summary>
    public double Accuracy
    {
        get
        {
            long right = 0;
            foreach (var c in Classes) right += Count(c, c);
            return Total == 0 ? 0 : right / (double)Total;
        }
    }

    /// <summary>Of the documents predicted as <paramref name="label"/>, the share that are.</summary>
    public double Precision(SentimentLabel label)
    {
        long predicted = 0;
        for (var e = 0; e < 4; e++) predicted += _counts[e, (int)label];
        return predicted == 0 ? 0 : Count(label, label) / (double)predicted;
    }

    /// <summary>Of the documents labelled <paramref name="label"/>, the share predicted so.</summary>
    public double Recall(SentimentLabel label)
    {
        long expected = 0;
        for (var p = 0; p < 4; p++) expected += _counts[(int)label, p];
        return expected == 0 ? 0 : Count(label, label) / (double)expected;
    }

    /// <summary>The harmonic mean of precision and recall of <paramref name="label"/>.</summary>
    public double F1(SentimentLabel label)
    {
        var p = Precision(label);
        var r = Recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The mean F1 of negative, neutral and positive.</summary>
    public double MacroF1 => Classes.Average(F1);

    /// <summary>The number of documents labelled <paramref name="label"/>.</summary>
    public long Support(SentimentLabel label)
    {
        long expected = 0;
        for (var p = 0; p < 4; p++) expected += _counts[(int)label, p];
        return expected;
    }
}
