using System.Xml;
using System.Xml.Linq;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pulls;

/// <summary>RSS 2.0 and Atom feeds: conditional GET, guid/id dedupe against the cursor's seen ids.</summary>
internal static class FeedPull
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    public static PullRequestPlan Plan(PullSource source, PullCursor cursor)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8"),
        };
        if (cursor.ETag is { } etag) headers.Add(new("If-None-Match", etag));
        if (cursor.LastModified is { } modified) headers.Add(new("If-Modified-Since", modified));
        return new PullRequestPlan(source.BaseUrl, headers, PullAuth.None);
    }

    /// <summary>The reader settings: no DTD (a DOCTYPE is an error, so no entity is ever expanded), no resolver, bounded size.</summary>
    internal static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = PullProtocol.MaxBodyBytes,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>The deepest element nesting read (a feed needs 4 or 5 levels, HTML in a description a few more).</summary>
    /// <remarks>Deeper documents are refused before a tree is built: a tree 100,000 levels deep takes seconds to build
    /// and its text is gathered recursively.</remarks>
    public const int MaxDepth = 64;

    /// <summary>The start of the error message of a document nested deeper than <see cref="MaxDepth"/>.</summary>
    internal const string TooDeep = "The document nests elements deeper than";

    public static PullResult Parse(PullContext context, ReadOnlyMemory<byte> body)
    {
        var bytes = body.ToArray();
        CheckDepth(bytes);
        XDocument doc;
        using (var stream = new MemoryStream(bytes, writable: false))
        using (var reader = XmlReader.Create(stream, ReaderSettings()))
            doc = XDocument.Load(reader, LoadOptions.None);

        var root = doc.Root ?? throw new XmlException("The document has no root element.");
        var items = root.Name == Atom + "feed" ? AtomEntries(root, context)
            : root.Name.LocalName == "rss" ? RssItems(root, context)
            : throw new FormatException($"the root element is <{root.Name.LocalName}>, neither <rss> nor Atom <feed>");

        var seen = new HashSet<string>(context.Cursor.SeenIds, StringComparer.Ordinal);
        var mentions = new List<Mention>();
        var ignored = 0;
        foreach (var item in items)
        {
            if (seen.Contains(item.Id.ExternalId)) continue;
            if (context.Brand is null) ignored++;
            else mentions.Add(item);
        }
        // The feed is the window of newest items: remember its ids (then older ones) so a re-read yields nothing twice.
        var cursor = context.Cursor with
        {
            SeenIds = context.Cursor.WithSeen(items.Select(i => i.Id.ExternalId)),
            ETag = context.Header("ETag"),
            LastModified = context.Header("Last-Modified"),
        };
        return new PullResult(PullOutcome.Ok, new WebhookBatch(mentions, ignored), cursor, false, null, null);
    }

    /// <summary>Reads the document once without building it and throws when an element nests deeper than
    /// <see cref="MaxDepth"/> (or the document is not well formed).</summary>
    /// <exception cref="XmlException">The document nests too deep or is not well formed.</exception>
    private static void CheckDepth(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, ReaderSettings());
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
                throw new XmlException($"{TooDeep} {MaxDepth} levels.", null, ((IXmlLineInfo)reader).LineNumber, ((IXmlLineInfo)reader).LinePosition);
        }
    }

    private static List<Mention> RssItems(XElement rss, PullContext context)
    {
        var channel = rss.Element("channel") ?? throw new FormatException("the RSS feed has no <channel>");
        var list = new List<Mention>();
        foreach (var item in channel.Elements("item"))
        {
            var link = Text(item.Element("link"));
            var guid = Text(item.Element("guid")) ?? link;
            if (guid is null) continue;
            var time = Time(Text(item.Element("pubDate")) ?? Text(item.Element(Dc + "date")), context.ReceivedAt);
            var author = Text(item.Element(Dc + "creator")) ?? Text(item.Element("author"));
            var body = Text(item.Element("description")) ?? Text(item.Element(Content + "encoded"));
            list.Add(Build(context, guid, author, Text(item.Element("title")), body, time, link));
        }
        return list;
    }

    private static List<Mention> AtomEntries(XElement feed, PullContext context)
    {
        var feedAuthor = Text(feed.Element(Atom + "author")?.Element(Atom + "name"));
        var list = new List<Mention>();
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            var id = Text(entry.Element(Atom + "id"));
            if (id is null) continue;
            var time = Time(Text(entry.Element(Atom + "published")) ?? Text(entry.Element(Atom + "updated")), context.ReceivedAt);
            var author = Text(entry.Element(Atom + "author")?.Element(Atom + "name")) ?? feedAuthor;
            var link = entry.Elements(Atom + "link")
                .FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
            var body = Text(entry.Element(Atom + "summary")) ?? Text(entry.Element(Atom + "content"));
            list.Add(Build(context, id, author, Text(entry.Element(Atom + "title")), body, time, link));
        }
        return list;
    }

    private static Mention Build(PullContext context, string itemId, string? author, string? title, string? body, Instant createdAt, string? link)
    {
        var external = Uri.TryCreate(itemId, UriKind.Absolute, out _) ? itemId : $"{context.Source.Name}|{itemId}";
        var text = (title, body) switch
        {
            (not null, not null) => $"{title}\n\n{body}",
            _ => title ?? body ?? "",
        };
        return new Mention
        {
            Id = new MentionId(Platform.Rss, external),
            Channel = context.Source.FeedChannel,
            Account = context.Source.Account,
            ThreadKey = external,
            Author = new Author(author ?? "anonymous", author),
            FromBrand = false,
            Text = text,
            CreatedAt = createdAt,
            ReceivedAt = context.ReceivedAt,
            Url = link,
        };
    }

    private static Instant Time(string? text, Instant receivedAt) =>
        FeedTimestamp.TryParse(text, out var instant) ? instant : receivedAt;

    private static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
