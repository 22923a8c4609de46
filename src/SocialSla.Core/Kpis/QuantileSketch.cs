namespace SocialSla.Core.Kpis;

/// <summary>
/// A mergeable quantile sketch of non-negative values (seconds) with a bounded relative error (a DDSketch-style
/// log-bucket histogram).
/// </summary>
/// <remarks>
/// <para>A value v &gt; 0 falls into bucket ⌈log_γ v⌉ with γ = (1 + α)/(1 − α); a quantile is answered with the
/// bucket's midpoint 2γ^i/(γ + 1), which is within relative error α of every value in the bucket. α is
/// <see cref="RelativeAccuracy"/> (0.5 %), so answers are well inside the 1 % the design allows. Values below
/// <see cref="MinTrackable"/> count as zero.</para>
/// <para>Counts may be removed again (<see cref="Add(double, long)"/> with a negative count), so a KPI delta can
/// retract a value it recorded before. Buckets are kept sparse (sorted index and count arrays): a sketch of a few
/// values takes a few bytes, a full one at most a few thousand buckets.</para>
/// <para>Not thread-safe. Quantiles use the nearest-rank definition: the smallest value whose rank ≥ ⌈q·n⌉.</para>
/// </remarks>
public sealed class QuantileSketch
{
    /// <summary>The relative accuracy α of every answer.</summary>
    public const double RelativeAccuracy = 0.005;

    /// <summary>Values below this (in the value's unit) are counted as zero.</summary>
    public const double MinTrackable = 1e-3;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    private int[] _indexes = [];
    private long[] _counts = [];
    private int _used;
    private long _zeroCount;

    /// <summary>The number of values held (sum of all counts).</summary>
    public long Count { get; private set; }

    /// <summary>Whether the sketch holds no value.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Adds one value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or not finite.</exception>
    public void Add(double value) => Add(value, 1);

    /// <summary>Adds <paramref name="count"/> copies of a value; a negative count removes copies added before.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or not finite.</exception>
    public void Add(double value, long count)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "A sketch holds finite, non-negative values.");
        if (count == 0) return;
        Count += count;
        if (value < MinTrackable)
        {
            _zeroCount += count;
            return;
        }
        AddToBucket(IndexOf(value), count);
    }

    /// <summary>Adds every count of <paramref name="other"/> to this sketch, times <paramref name="sign"/> (1 or −1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sign"/> is neither 1 nor −1.</exception>
    public void Merge(QuantileSketch other, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (sign is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(sign), sign, "The sign must be 1 or -1.");
        Count += sign * other.Count;
        _zeroCount += sign * other._zeroCount;
        for (var i = 0; i < other._used; i++) AddToBucket(other._indexes[i], sign * other._counts[i]);
    }

    /// <summary>The value at quantile <paramref name="q"/> (0 ≤ q ≤ 1), nearest rank, or <see langword="null"/> when empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside [0, 1].</exception>
    public double? Quantile(double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile lies in [0, 1].");
        if (Count <= 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = _zeroCount;
        if (seen >= rank) return 0;
        for (var i = 0; i < _used; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return ValueOf(_indexes[i]);
        }
        return ValueOf(_indexes[_used - 1]);
    }

    /// <summary>How many values are at most <paramref name="value"/>, to the sketch's relative accuracy (each bucket
    /// counts as its representative value, the one <see cref="Quantile"/> answers).</summary>
    /// <remarks>For histograms: the count between two bounds is the difference of two calls.</remarks>
    public long CountAtMost(double value)
    {
        if (double.IsNaN(value) || value < 0) return 0;
        var count = _zeroCount;
        for (var i = 0; i < _used; i++)
        {
            if (ValueOf(_indexes[i]) <= value) count += _counts[i];
        }
        return count;
    }

    /// <summary>The buckets as (bucket index, count) pairs in index order; the zero bucket has index <see cref="int.MinValue"/>.</summary>
    /// <remarks>For storage adapters: <see cref="FromBuckets"/> rebuilds an equal sketch.</remarks>
    public IEnumerable<KeyValuePair<int, long>> Buckets()
    {
        if (_zeroCount != 0) yield return new(int.MinValue, _zeroCount);
        for (var i = 0; i < _used; i++) yield return new(_indexes[i], _counts[i]);
    }

    /// <summary>Rebuilds a sketch from <see cref="Buckets"/>.</summary>
    public static QuantileSketch FromBuckets(IEnumerable<KeyValuePair<int, long>> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var sketch = new QuantileSketch();
        foreach (var (index, count) in buckets)
        {
            sketch.Count += count;
            if (index == int.MinValue) sketch._zeroCount += count;
            else sketch.AddToBucket(index, count);
        }
        return sketch;
    }

    private static int IndexOf(double value) => (int)Math.Ceiling(Math.Log(value) / LogGamma);

    private static double ValueOf(int index) => 2 * Math.Pow(Gamma, index) / (Gamma + 1);

    private void AddToBucket(int index, long count)
    {
        var at = Array.BinarySearch(_indexes, 0, _used, index);
        if (at >= 0)
        {
            _counts[at] += count;
            if (_counts[at] == 0) RemoveAt(at);
            return;
        }
        at = ~at;
        if (_used == _indexes.Length)
        {
            var size = Math.Max(2, _used * 2);
            Array.Resize(ref _indexes, size);
            Array.Resize(ref _counts, size);
        }
        Array.Copy(_indexes, at, _indexes, at + 1, _used - at);
        Array.Copy(_counts, at, _counts, at + 1, _used - at);
        _indexes[at] = index;
        _counts[at] = count;
        _used++;
    }

    private void RemoveAt(int at)
    {
        Array.Copy(_indexes, at + 1, _indexes, at, _used - at - 1);
        Array.Copy(_counts, at + 1, _counts, at, _used - at - 1);
        _used--;
    }
}
