using System.Runtime.InteropServices;
using SocialSla.Core.Collections;
using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Import;

/// <summary>Collects TWCS rows, joins them into reply chains and assigns each row its brand account (see <see cref="TwcsImport"/>).</summary>
/// <remarks>
/// Every tweet id seen (as a row, a parent or a response) is a node of a union-find structure; links join nodes in
/// either direction, so replies listed before their parents and parents missing from the file need no second pass
/// over the text. Not thread-safe.
/// </remarks>
internal sealed class TwcsChainBuilder
{
    private const string UnknownAccount = "unknown";

    private readonly bool _keepText;
    private readonly StringPool _pool = new();
    private readonly Dictionary<string, AuthorEntry> _authors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorEntry>.AlternateLookup<ReadOnlySpan<char>> _authorsBySpan;
    private readonly Dictionary<long, AuthorEntry> _numericAuthors = [];
    private readonly Dictionary<long, int> _nodeOf = [];

    // Nodes: one per distinct tweet id.
    private string?[] _nodeText;
    private int[] _nodeFirstRow;
    private readonly DisjointSets _chains;
    private int _nodes;

    private Row[] _rows;
    private int _rowCount;

    /// <param name="keepText">Whether to keep each row's text.</param>
    /// <param name="expectedRows">A guess of the row count, to size the tables once; 0 when unknown.</param>
    public TwcsChainBuilder(bool keepText, int expectedRows = 0)
    {
        _keepText = keepText;
        var capacity = Math.Max(1024, expectedRows);
        _nodeText = new string?[capacity];
        _nodeFirstRow = new int[capacity];
        _chains = new DisjointSets(capacity);
        _rows = new Row[capacity];
        if (expectedRows > 0) _nodeOf.EnsureCapacity(expectedRows);
        _authorsBySpan = _authors.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private sealed class AuthorEntry(Author author)
    {
        public Author Author { get; } = author;
        public bool IsBrand { get; set; }
    }

    private struct Row
    {
        public int Node;
        public int ParentNode;
        public AuthorEntry Author;
        public long CreatedTicks;
        // The text when it is kept; otherwise, for a customer row that may be a chain root, the @handles of its
        // text (a string, a string[] or null) for the account fallback.
        public object? TextOrHandles;
        public bool FromBrand;
    }

    /// <summary>Adds a valid row and links it to its parent; returns the row's index.</summary>
    public int AddRow(long id, ReadOnlySpan<char> idText, ReadOnlySpan<char> parentText, long parent,
        ReadOnlySpan<char> authorId, bool fromBrand, Instant createdAt, ReadOnlySpan<char> text)
    {
        var node = NodeOf(id, idText);
        var parentNode = parent >= 0 ? NodeOf(parent, parentText) : -1;

        var author = AuthorOf(authorId);
        if (fromBrand) author.IsBrand = true;

        if (_rowCount == _rows.Length) Array.Resize(ref _rows, _rows.Length * 2);
        var index = _rowCount++;
        ref var row = ref _rows[index];
        row.Node = node;
        row.ParentNode = parentNode;
        row.Author = author;
        row.CreatedTicks = createdAt.ToUnixTimeTicks();
        row.FromBrand = fromBrand;
        if (_keepText) row.TextOrHandles = text.IsEmpty ? "" : new string(text);
        else if (!fromBrand && (parentNode < 0 || _nodeFirstRow[parentNode] < 0)) row.TextOrHandles = CollectHandles(text);
        else row.TextOrHandles = null;

        if (_nodeFirstRow[node] < 0) _nodeFirstRow[node] = index;
        if (parentNode >= 0) _chains.Union(node, parentNode);
        return index;
    }

    // Customer ids in TWCS are numbers: a long key hashes and compares without touching the string.
    private AuthorEntry AuthorOf(ReadOnlySpan<char> authorId)
    {
        AuthorEntry? author;
        if (authorId.Length < 19 && authorId[0] is >= '1' and <= '9' && TwcsImport.TryParseTweetId(authorId, out var number))
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_numericAuthors, number, out _);
            return slot ??= NewAuthor(authorId);
        }
        if (!_authorsBySpan.TryGetValue(authorId, out author))
        {
            author = NewAuthor(authorId);
            _authors.Add(author.Author.Id, author);
        }
        return author;
    }

    private static AuthorEntry NewAuthor(ReadOnlySpan<char> authorId)
    {
        var id = new string(authorId);
        return new AuthorEntry(new Author(id, Handle: id));
    }

    /// <summary>Joins row <paramref name="row"/> with a tweet listed as a response to it.</summary>
    public void Link(int row, long responseId) => _chains.Union(_rows[row].Node, NodeOf(responseId, default));

    /// <summary>Resolves every chain's account and creates the mentions in row order.</summary>
    public IReadOnlyList<Mention> Build(Instant? receivedAt)
    {
        var count = _rowCount;
        var comp = new int[count];
        var earliestBrand = new int[_nodes];
        var root = new int[_nodes];
        var earliest = new int[_nodes];
        earliestBrand.AsSpan().Fill(-1);
        root.AsSpan().Fill(-1);
        earliest.AsSpan().Fill(-1);
        for (var r = 0; r < count; r++)
        {
            ref readonly var row = ref _rows[r];
            var c = comp[r] = _chains.Find(row.Node);
            if (IsEarlier(r, earliest[c])) earliest[c] = r;
            if (row.FromBrand && IsEarlier(r, earliestBrand[c])) earliestBrand[c] = r;
            var isRoot = row.ParentNode < 0 || _nodeFirstRow[row.ParentNode] < 0;
            if (isRoot && IsEarlier(r, root[c])) root[c] = r;
        }

        var accountOfComponent = new int[_nodes];
        accountOfComponent.AsSpan().Fill(-1);
        var accounts = new List<PlatformAccountId>();
        var accountIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int AccountNumber(string account)
        {
            if (!accountIndex.TryGetValue(account, out var number))
            {
                accountIndex[account] = number = accounts.Count;
                accounts.Add(new PlatformAccountId(Platform.X, account));
            }
            return number;
        }

        HashSet<string>? brands = null;
        var nodeIds = new MentionId[_nodes];
        for (var n = 0; n < _nodes; n++)
        {
            if (_nodeText[n] is { } text) nodeIds[n] = new MentionId(Platform.X, text);
        }
        var records = new TwcsMentionList.Record[count];
        for (var r = 0; r < count; r++)
        {
            ref readonly var row = ref _rows[r];
            int account;
            if (row.FromBrand) account = AccountNumber(row.Author.Author.Id);
            else
            {
                var c = comp[r];
                if (accountOfComponent[c] < 0)
                {
                    accountOfComponent[c] = AccountNumber(earliestBrand[c] >= 0
                        ? _rows[earliestBrand[c]].Author.Author.Id
                        : AccountFromRoot(root[c] >= 0 ? root[c] : earliest[c], ref brands));
                }
                account = accountOfComponent[c];
            }
            records[r] = new TwcsMentionList.Record(
                row.Node, row.ParentNode, account, row.Author.Author, row.FromBrand,
                _keepText ? (string)row.TextOrHandles! : "", row.CreatedTicks);
        }
        return new TwcsMentionList(records, nodeIds, [.. accounts], receivedAt);
    }

    private bool IsEarlier(int row, int than) =>
        than < 0 || _rows[row].CreatedTicks < _rows[than].CreatedTicks;

    private string AccountFromRoot(int rootRow, ref HashSet<string>? brands)
    {
        if (brands is null)
        {
            brands = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in _authors.Values)
            {
                if (entry.IsBrand) brands.Add(entry.Author.Id);
            }
            foreach (var entry in _numericAuthors.Values)
            {
                if (entry.IsBrand) brands.Add(entry.Author.Id);
            }
        }
        ref readonly var row = ref _rows[rootRow];
        string? first = null;
        if (_keepText)
        {
            var lookup = brands.GetAlternateLookup<ReadOnlySpan<char>>();
            var text = ((string)row.TextOrHandles!).AsSpan();
            var at = 0;
            while (NextHandle(text, ref at, out var handle))
            {
                if (lookup.TryGetValue(handle, out var brand)) return brand;
                first ??= _pool.Get(handle);
            }
        }
        else if (row.TextOrHandles is string single)
        {
            return brands.TryGetValue(single, out var brand) ? brand : single;
        }
        else if (row.TextOrHandles is string[] several)
        {
            foreach (var handle in several)
            {
                if (brands.TryGetValue(handle, out var brand)) return brand;
            }
            first = several[0];
        }
        return first ?? UnknownAccount;
    }

    private object? CollectHandles(ReadOnlySpan<char> text)
    {
        var at = 0;
        if (!NextHandle(text, ref at, out var handle)) return null;
        var first = _pool.Get(handle);
        if (!NextHandle(text, ref at, out handle)) return first;
        var list = new List<string> { first, _pool.Get(handle) };
        while (NextHandle(text, ref at, out handle)) list.Add(_pool.Get(handle));
        return list.ToArray();
    }

    /// <summary>Finds the next <c>@handle</c> (letters, digits, underscores after an <c>@</c> not preceded by one of those).</summary>
    internal static bool NextHandle(ReadOnlySpan<char> text, ref int at, out ReadOnlySpan<char> handle)
    {
        while (at < text.Length)
        {
            var found = text[at..].IndexOf('@');
            if (found < 0) break;
            var start = at + found + 1;
            var end = start;
            while (end < text.Length && IsHandleChar(text[end])) end++;
            at = end > start ? end : start;
            if (end > start && (start == 1 || !IsHandleChar(text[start - 2])))
            {
                handle = text[start..end];
                return true;
            }
        }
        at = text.Length;
        handle = default;
        return false;
    }

    private static bool IsHandleChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private int NodeOf(long id, ReadOnlySpan<char> text)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodeOf, id, out var exists);
        if (exists)
        {
            if (_nodeText[slot] is null && !text.IsEmpty) _nodeText[slot] = new string(text);
            return slot;
        }
        if (_nodes == _nodeText.Length)
        {
            var size = _nodes * 2;
            Array.Resize(ref _nodeText, size);
            Array.Resize(ref _nodeFirstRow, size);
        }
        var node = _nodes++;
        slot = node;
        _nodeText[node] = text.IsEmpty ? null : new string(text);
        _nodeFirstRow[node] = -1;
        _chains.Add();
        return node;
    }
}
