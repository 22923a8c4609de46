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
    /// <summary>The conversation group of each mention (0 … <paramref name="groupCount"/> − 1, numbered by first appearance).</summary>
    public static int[] Partition(IReadOnlyList<Mention?> mentions, out int groupCount)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        var messageNodes = new Dictionary<MentionId, int>(mentions.Count);
        var threadNodes = new Dictionary<(Platform, string, Channel, string), int>();
        var parent = new List<int>(mentions.Count);
        var nodeOf = new int[mentions.Count];

        int NewNode()
        {
            parent.Add(parent.Count);
            return parent.Count - 1;
        }

        int MessageNode(MentionId id)
        {
            if (!messageNodes.TryGetValue(id, out var node)) messageNodes[id] = node = NewNode();
            return node;
        }

        int Find(int node)
        {
            while (parent[node] != node)
            {
                parent[node] = parent[parent[node]];
                node = parent[node];
            }
            return node;
        }

        for (var i = 0; i < mentions.Count; i++)
        {
            var mention = mentions[i] ?? throw new ArgumentException($"Mention {i} is null.", nameof(mentions));
            if (mention.ThreadKey is { } threadKey)
            {
                var key = (mention.Id.Platform, mention.Account.Value, mention.Channel, threadKey);
                if (!threadNodes.TryGetValue(key, out var node)) threadNodes[key] = node = NewNode();
                nodeOf[i] = node;
                continue;
            }
            var own = MessageNode(mention.Id);
            nodeOf[i] = own;
            if (mention.ParentId is { } parentId)
            {
                var a = Find(own);
                var b = Find(MessageNode(parentId));
                if (a != b) parent[a] = b;
            }
        }

        var groupOfRoot = new Dictionary<int, int>();
        var groups = new int[mentions.Count];
        for (var i = 0; i < groups.Length; i++)
        {
            var root = Find(nodeOf[i]);
            if (!groupOfRoot.TryGetValue(root, out var group)) groupOfRoot[root] = group = groupOfRoot.Count;
            groups[i] = group;
        }
        groupCount = groupOfRoot.Count;
        return groups;
    }
}
