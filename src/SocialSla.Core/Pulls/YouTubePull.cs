using System.Globalization;
using System.Text.Json;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pulls;

/// <summary>YouTube <c>commentThreads.list</c>, newest first (spec sheet §3): each thread's top-level comment and the
/// replies it carries; paged by <c>pageToken</c>.</summary>
internal static class YouTubePull
{
    public static PullRequestPlan Plan(PullSource source, PullCursor cursor)
    {
        var url = QueryString.Build(source.BaseUrl, "commentThreads",
        [
            ("part", "snippet,replies"),
            ("videoId", source.VideoId),
            ("allThreadsRelatedToChannelId", source.VideoId is null ? source.ChannelId : null),
            ("order", "time"),
            ("maxResults", source.PageSize.ToString(CultureInfo.InvariantCulture)),
            ("textFormat", "plainText"),
            ("pageToken", cursor.PageToken),
        ]);
        return new PullRequestPlan(url, [new("Accept", "application/json")], PullAuth.GoogleApiKey);
    }

    public static PullResult Parse(PullContext context, ReadOnlyMemory<byte> body)
    {
        using var doc = JsonDocument.Parse(body, JsonFields.Options);
        var root = JsonFields.RootObject(doc);
        if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            throw new FormatException("the response has no items array");

        var entries = new List<NewestFirstPaging.Entry>();
        foreach (var thread in items.EnumerateArray())
        {
            var threadId = JsonFields.Str(thread, "id");
            if (string.IsNullOrWhiteSpace(threadId)) throw new FormatException("a comment thread has no id");
            var snippet = JsonFields.Obj(thread, "snippet") ?? throw new FormatException("a comment thread has no snippet");
            var top = JsonFields.Obj(snippet, "topLevelComment") ?? throw new FormatException("a comment thread has no topLevelComment");
            var mentions = new List<Mention> { Map(context, threadId, top, parentFallback: null) };
            if (JsonFields.Obj(thread, "replies") is { } replies)
                foreach (var reply in JsonFields.Arr(replies, "comments"))
                    mentions.Add(Map(context, threadId, reply, parentFallback: threadId));
            entries.Add(new(mentions, mentions.Max(m => m.CreatedAt)));
        }
        return NewestFirstPaging.Advance(context, entries, JsonFields.Str(root, "nextPageToken"), static (c, t) => c with { PageToken = t });
    }

    private static Mention Map(PullContext context, string threadId, JsonElement comment, string? parentFallback)
    {
        var id = JsonFields.Str(comment, "id");
        if (string.IsNullOrWhiteSpace(id)) throw new FormatException("a comment has no id");
        var snippet = JsonFields.Obj(comment, "snippet") ?? throw new FormatException("a comment has no snippet");
        var authorId = JsonFields.Obj(snippet, "authorChannelId") is { } channel ? JsonFields.Str(channel, "value") : null;
        var handle = JsonFields.Str(snippet, "authorDisplayName");
        var parent = parentFallback is null ? null : JsonFields.Str(snippet, "parentId") ?? parentFallback;
        var created = FeedTimestamp.TryParseIso(JsonFields.Str(snippet, "publishedAt") ?? "", out var at) ? at : context.ReceivedAt;
        var videoId = JsonFields.Str(snippet, "videoId");
        return new Mention
        {
            Id = new MentionId(Platform.YouTube, id),
            Channel = Channel.PublicComment,
            Account = context.Source.Account,
            ParentId = parent is null ? null : new MentionId(Platform.YouTube, parent),
            ThreadKey = threadId,
            Author = new Author(string.IsNullOrWhiteSpace(authorId) ? "unknown" : authorId, handle),
            FromBrand = context.Brand?.Matches(authorId, handle) ?? false,
            Text = JsonFields.Str(snippet, "textOriginal") ?? JsonFields.Str(snippet, "textDisplay") ?? "",
            CreatedAt = created,
            ReceivedAt = context.ReceivedAt,
            Url = videoId is null ? null : $"https://www.youtube.com/watch?v={Uri.EscapeDataString(videoId)}&lc={Uri.EscapeDataString(id)}",
        };
    }
}
