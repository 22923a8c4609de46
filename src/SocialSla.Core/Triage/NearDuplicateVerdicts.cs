using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>Which customer messages of a whole export are near-duplicates (the same text from
/// <see cref="TriageOptions.DuplicateAuthors"/> different authors), decided once over all of it in global time
/// order, so that a replay split into partitions or threads calls exactly the messages noise that one pipeline fed
/// everything in time order would.</summary>
/// <remarks>
/// <para>The near-duplicate rule is the only part of triage that looks across conversations; every other verdict is a
/// function of one message and its own conversation. A <see cref="MentionTriage"/> created with these verdicts
/// (<see cref="MentionTriage(TriageOptions, NearDuplicateVerdicts)"/>) consults them instead of its own memory.</para>
/// <para>Order: creation time, then list order among equal instants (the order replay feeds each conversation and the
/// reference single pipeline). Unlike a triage's own bounded memory (<see cref="TriageOptions.DuplicateMemory"/>),
/// this pass forgets no text, so it equals one pipeline fed everything whenever that pipeline's memory did not
/// overflow, and is exact beyond. Cost: one word hash per message (in parallel), then work only for the texts that
/// occur at least <see cref="TriageOptions.DuplicateAuthors"/> times. Only what that pipeline would triage counts: customer messages with the
/// <see cref="MentionVerb.Add"/> verb, the first delivery of each <see cref="IdempotencyKey"/>.</para>
/// <para>Immutable once computed; thread-safe to read.</para>
/// </remarks>
public sealed class NearDuplicateVerdicts
{
    private readonly HashSet<IdempotencyKey> _duplicates;

    private NearDuplicateVerdicts(HashSet<IdempotencyKey> duplicates) => _duplicates = duplicates;

    /// <summary>Verdicts that call nothing a near-duplicate (the check is off).</summary>
    public static NearDuplicateVerdicts None { get; } = new([]);

    /// <summary>How many deliveries were judged near-duplicates.</summary>
    public int Count => _duplicates.Count;

    /// <summary>Whether the delivery was judged a near-duplicate.</summary>
    public bool IsNearDuplicate(IdempotencyKey key) => _duplicates.Count > 0 && _duplicates.Contains(key);

    /// <summary>Decides, over all <paramref name="mentions"/> (any order; sorted here), which are near-duplicates
    /// under <paramref name="options"/>.</summary>
    /// <param name="options">The triage settings (the duplicate rule's thresholds and memory).</param>
    /// <param name="mentions">Every mention of the export.</param>
    /// <param name="prepare">What the host does to a mention before the pipeline sees it (masking personal data),
    /// so the texts compared are the ones triage will read; <see langword="null"/> for nothing.</param>
    public static NearDuplicateVerdicts Compute(TriageOptions options, IReadOnlyList<Mention> mentions, Func<Mention, Mention>? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mentions);
        if (options.DuplicateAuthors <= 0) return None;

        // Fingerprints first (independent per message: in parallel), then the sightings in time order (sequential).
        var fingerprints = new ulong[mentions.Count];
        var keys = new IdempotencyKey[mentions.Count];
        var authors = new int[mentions.Count];
        Parallel.For(0, mentions.Count, () => 0, (i, _, _) =>
        {
            var mention = mentions[i];
            if (mention.FromBrand || mention.Verb != MentionVerb.Add) return 0;
            if (prepare is not null) mention = prepare(mention);
            var fingerprint = TextScanner.Fingerprint(mention.Text, out var words);
            if (words < options.DuplicateMinWords) return 0;
            fingerprints[i] = fingerprint == 0 ? 1 : fingerprint;
            keys[i] = mention.IdempotencyKey;
            authors[i] = mention.Author.Id.GetHashCode();
            return 0;
        }, _ => { });

        // Only a text sent at least DuplicateAuthors times can be sent by that many authors: count sightings first
        // and replay the order of the few texts that repeat that often.
        var sightings = new Dictionary<ulong, int>();
        for (var i = 0; i < fingerprints.Length; i++)
        {
            if (fingerprints[i] == 0) continue;
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sightings, fingerprints[i], out _);
            count++;
        }
        // Stable by creation time: (instant, list index) pairs sort like creation time, then list order.
        var pairs = new List<(long At, int Index)>();
        for (var i = 0; i < fingerprints.Length; i++)
        {
            if (fingerprints[i] != 0 && sightings[fingerprints[i]] >= options.DuplicateAuthors) pairs.Add((mentions[i].CreatedAt.ToUnixTimeTicks(), i));
        }
        pairs.Sort();

        var texts = new Dictionary<ulong, (int LastAuthor, int Authors)>();
        var seen = new HashSet<IdempotencyKey>();
        var duplicates = new HashSet<IdempotencyKey>();
        foreach (var (_, i) in pairs)
        {
            if (!seen.Add(keys[i])) continue;
            // As NearDuplicateIndex counts: a change of author between sightings is one more author.
            ref var text = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(texts, fingerprints[i], out var known);
            if (!known) text = (authors[i], 1);
            else if (text.LastAuthor != authors[i]) text = (authors[i], text.Authors + 1);
            if (text.Authors >= options.DuplicateAuthors) duplicates.Add(keys[i]);
        }
        return duplicates.Count == 0 ? None : new NearDuplicateVerdicts(duplicates);
    }
}
