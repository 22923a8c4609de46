namespace SocialSla.Core.Collections;

/// <summary>Union-find over dense integer nodes, with path halving.</summary>
internal sealed class DisjointSets(int capacity)
{
    private int[] _parent = new int[Math.Max(capacity, 4)];

    /// <summary>How many nodes there are.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a node of its own and returns its number.</summary>
    public int Add()
    {
        if (Count == _parent.Length) Array.Resize(ref _parent, _parent.Length * 2);
        _parent[Count] = Count;
        return Count++;
    }

    /// <summary>Adds nodes until there are <paramref name="count"/>.</summary>
    public void AddUpTo(int count)
    {
        while (Count < count) Add();
    }

    /// <summary>The representative of a node's set.</summary>
    public int Find(int node)
    {
        while (_parent[node] != node)
        {
            _parent[node] = _parent[_parent[node]];
            node = _parent[node];
        }
        return node;
    }

    /// <summary>Joins the sets of two nodes.</summary>
    public void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a != b) _parent[a] = b;
    }
}
