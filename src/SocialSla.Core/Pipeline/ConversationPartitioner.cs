using SocialSla.Core.Collections;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pipeline;

/// <summary>Splits a batch of mentions into independent conversations: the groups <see cref="MentionPipeline"/>
/// threads them into, whatever order they arrive in.</summary>
/// <remarks>
/// A mention with a thread key belongs with every mention of the same (platform, account, channel, thread key); one
/// without belongs with its parent and, through it, with its whole reply chain. Conversations share nothing but KPI
/// sums, so a host may run each group through its own pipeline, in any order, and get the same KPIs and alerts as
/// one pipeline fed everything in time order (replay does this to keep its working set small).
/// </remarks>
public static class ConversationPartitioner
{
    /// <summary>The order to replay a batch in: mention indexes grouped by conversation, each group in creation order
    /// (file order among equal instants).</summary>
    /// <returns><c>Order</c>, the indexes; <c>Starts</c>, where each group begins in it (one more entry than groups,
    /// the last being the mention count).</returns>
    public static (int[] Order, int[] Starts) Plan(IReadOnlyList<Mention> mentions)
    {
        var groups = Partition(mentions, out var groupCount);
        var starts = new int[groupCount + 1];
        foreach (var group in groups) starts[group + 1]++;
        for (var g = 0; g < groupCount; g++) starts[g + 1] += starts[g];
        var order = new int[groups.Length];
        var next = starts[..groupCount];
        for (var i = 0; i < groups.Length; i++) order[next[groups[i]]++] = i;

        var keys = new (long Ticks, int Index)[groups.Length];
        for (var k = 0; k < order.Length; k++) keys[k] = (CreatedTicks(mentions, order[k]), order[k]);
        for (var g = 0; g < groupCount; g++)
        {
            var length = starts[g + 1] - starts[g];
            if (length > 1) Array.Sort(keys, starts[g], length);
        }
        for (var k = 0; k < order.Length; k++) order[k] = keys[k].Index;
        return (order, starts);
    }

    /// <summary>TWCS rows have no thread key: their conversation is their reply chain, and the import already numbered
    /// every tweet id, so the chains join over those numbers without hashing an id.</summary>
    private static int[] Partition(TwcsMentionList mentions, out int groupCount)
    {
        var sets = new DisjointSets(mentions.NodeCount);
        sets.AddUpTo(mentions.NodeCount);
        for (var i = 0; i < mentions.Count; i++)
        {
            ref readonly var record = ref mentions.RecordAt(i);
            if (record.ParentNode >= 0) sets.Union(record.Node, record.ParentNode);
        }
        var groupOfRoot = new int[sets.Count];
        groupOfRoot.AsSpan().Fill(-1);
        var groups = new int[mentions.Count];
        groupCount = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var root = sets.Find(mentions.RecordAt(i).Node);
            if (groupOfRoot[root] < 0) groupOfRoot[root] = groupCount++;
            groups[i] = groupOfRoot[root];
        }
        return groups;
    }

    // A compact import answers these without building a Mention per read.
    private static long CreatedTicks(IReadOnlyList<Mention> mentions, int index) =>
        mentions is TwcsMentionList compact ? compact.RecordAt(index).CreatedTicks : mentions[index].CreatedAt.ToUnixTimeTicks();

    /// <summary>The conversation group of each mention (0 … <paramref name="groupCount"/> − 1, numbered by first appearance).</summary>
    public static int[] Partition(IReadOnlyList<Mention> mentions, out int groupCount)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        if (mentions is TwcsMentionList compact) return Partition(compact, out groupCount);
        var messageNodes = new Dictionary<MentionId, int>(mentions.Count);
        var threadNodes = new Dictionary<(Platform, string, Channel, string), int>();
        var sets = new DisjointSets(mentions.Count);
        var nodeOf = new int[mentions.Count];

        int MessageNode(MentionId id)
        {
            if (!messageNodes.TryGetValue(id, out var node)) messageNodes[id] = node = sets.Add();
            return node;
        }

        for (var i = 0; i < mentions.Count; i++)
        {
            var mention = mentions[i] ?? throw new ArgumentException($"Mention {i} is null.", nameof(mentions));
            nodeOf[i] = NodeOf(mention);
        }

        var groupOfRoot = new Dictionary<int, int>();
        var groups = new int[mentions.Count];
        for (var i = 0; i < groups.Length; i++)
        {
            var root = sets.Find(nodeOf[i]);
            if (!groupOfRoot.TryGetValue(root, out var group)) groupOfRoot[root] = group = groupOfRoot.Count;
            groups[i] = group;
        }
        groupCount = groupOfRoot.Count;
        return groups;

        int NodeOf(Mention mention)
        {
            if (mention.ThreadKey is { } threadKey)
            {
                var key = (mention.Id.Platform, mention.Account.Value, mention.Channel, threadKey);
                if (!threadNodes.TryGetValue(key, out var node)) threadNodes[key] = node = sets.Add();
                return node;
            }
            return ChainNode(mention.Id, mention.ParentId);
        }

        int ChainNode(MentionId id, MentionId? parentId)
        {
            var own = MessageNode(id);
            if (parentId is { } parentMessage) sets.Union(own, MessageNode(parentMessage));
            return own;
        }
    }
}
