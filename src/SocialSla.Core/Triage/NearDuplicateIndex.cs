namespace SocialSla.Core.Triage;

/// <summary>A fixed-size memory of text fingerprints and how many different authors sent each, for spotting the
/// same text from several authors (copy-paste campaigns, spam rings).</summary>
/// <remarks>
/// <para>Open addressing over a power-of-two array with a short probe; when the probe finds no free slot the oldest
/// entry there is replaced, so memory is bounded and old texts are forgotten. "Different authors" counts changes of
/// author between sightings, so one author repeating a text does not count, and an author who alternates with
/// another counts more than once: a cheap, slightly generous estimate.</para>
/// <para>Not thread-safe: one per <see cref="MentionTriage"/>, like the pipeline's state.</para>
/// </remarks>
internal sealed class NearDuplicateIndex
{
    private const int Probe = 8;
    private readonly ulong[] _fingerprints;
    private readonly int[] _authors;
    private readonly int[] _counts;
    private readonly long[] _stamps;
    private readonly int _mask;
    private long _clock;

    public NearDuplicateIndex(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 16);
        var size = 16;
        while (size < capacity) size <<= 1;
        _fingerprints = new ulong[size];
        _authors = new int[size];
        _counts = new int[size];
        _stamps = new long[size];
        _mask = size - 1;
    }

    /// <summary>Records a sighting and returns how many different authors have sent this text so far.</summary>
    public int See(ulong fingerprint, int authorHash)
    {
        if (fingerprint == 0) fingerprint = 1;
        _clock++;
        var at = (int)(fingerprint ^ (fingerprint >> 29)) & _mask;
        var oldest = at;
        for (var k = 0; k < Probe; k++)
        {
            var slot = (at + k) & _mask;
            if (_fingerprints[slot] == fingerprint)
            {
                if (_authors[slot] != authorHash)
                {
                    _authors[slot] = authorHash;
                    _counts[slot]++;
                }
                _stamps[slot] = _clock;
                return _counts[slot];
            }
            if (_fingerprints[slot] == 0)
            {
                oldest = slot;
                break;
            }
            if (_stamps[slot] < _stamps[oldest]) oldest = slot;
        }
        _fingerprints[oldest] = fingerprint;
        _authors[oldest] = authorHash;
        _counts[oldest] = 1;
        _stamps[oldest] = _clock;
        return 1;
    }
}
