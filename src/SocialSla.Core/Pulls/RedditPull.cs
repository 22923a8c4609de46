using System.Globalization;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pulls;

/// <summary>Reddit listings, newest first (spec sheet §3): a search of posts, or a subreddit's new comments; paged by <c>after</c>.</summary>
internal static class RedditPull
{
    public static PullRequestPlan Plan(PullSource source, PullCursor cursor)
    {
        var sub = source.Subreddit is { } s ? $"r/{Uri.EscapeDataString(s)}/" : "";
        var limit = source.PageSize.ToString(CultureInfo.InvariantCulture);
        var url = source.Query is not null
            ? QueryString.Build(source.BaseUrl, sub + "search",
            [
                ("q", source.Query), ("sort", "new"), ("t", "week"), ("type", "link"),
                ("restrict_sr", source.Subreddit is null ? null : "1"), ("limit", limit), ("raw_json", "1"), ("after", cursor.After),
            ])
            : QueryString.Build(source.BaseUrl, sub + "comments", [("limit", limit), ("raw_json", "1"), ("after", cursor.After)]);
        return new PullRequestPlan(url, [new("Accept", "application/json")], PullAuth.Bearer);
    }

    public static PullResult Parse(PullContext context, ReadOnlyMemory<byte> body)
    {
        using var doc = JsonDocument.Parse(body, JsonFields.Options);
        var root = JsonFields.RootObject(doc);
        if (JsonFields.Str(root, "kind") != "Listing") throw new FormatException("the body is not a Reddit Listing");
        var data = JsonFields.Obj(root, "data") ?? throw new FormatException("the listing has no data");

        var entries = new List<NewestFirstPaging.Entry>();
        foreach (var child in JsonFields.Arr(data, "children"))
        {
            var kind = JsonFields.Str(child, "kind");
            if (kind is not ("t1" or "t3")) continue;
            var item = JsonFields.Obj(child, "data") ?? throw new FormatException("a listing child has no data");
            var mention = Map(context, kind, item);
            entries.Add(new([mention], mention.CreatedAt));
        }
        return NewestFirstPaging.Advance(context, entries, JsonFields.Str(data, "after"), static (c, t) => c with { After = t });
    }

    private static Mention Map(PullContext context, string kind, JsonElement item)
    {
        var name = JsonFields.Str(item, "name");
        if (string.IsNullOrWhiteSpace(name)) throw new FormatException("a listing item has no name");
        var author = JsonFields.Str(item, "author");
        var authorId = JsonFields.Str(item, "author_fullname") ?? author;
        var parent = JsonFields.Str(item, "parent_id");
        var created = JsonFields.Num(item, "created_utc") is { } seconds && seconds is > 0 and < 1e11
            ? Instant.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000))
            : context.ReceivedAt;
        var text = kind == "t3"
            ? string.Join("\n\n", new[] { JsonFields.Str(item, "title"), JsonFields.Str(item, "selftext") }.Where(t => !string.IsNullOrEmpty(t)))
            : JsonFields.Str(item, "body") ?? "";
        var permalink = JsonFields.Str(item, "permalink");
        // Reddit keeps a deleted or moderator-removed item in listings with this body; its terms require forgetting
        // the content, so it is a delete of the stored message (a tombstone), not a new one.
        var deleted = IsDeletedBody(kind == "t3" ? JsonFields.Str(item, "selftext") : JsonFields.Str(item, "body"));
        return new Mention
        {
            Id = new MentionId(Platform.Reddit, name),
            Channel = kind == "t3" ? Channel.Post : Channel.PublicComment,
            Account = context.Source.Account,
            ParentId = string.IsNullOrWhiteSpace(parent) ? null : new MentionId(Platform.Reddit, parent),
            Author = new Author(string.IsNullOrWhiteSpace(authorId) ? "[deleted]" : authorId, author),
            FromBrand = context.Brand?.Matches(authorId, author) ?? false,
            Text = deleted ? "" : text,
            Verb = deleted ? MentionVerb.Delete : MentionVerb.Add,
            CreatedAt = created,
            ReceivedAt = context.ReceivedAt,
            Url = permalink is null ? null : "https://www.reddit.com" + permalink,
        };
    }

    private static bool IsDeletedBody(string? body) => body is "[deleted]" or "[removed]";
}
