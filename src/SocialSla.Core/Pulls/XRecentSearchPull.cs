using System.Globalization;
using System.Text.Json;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pulls;

/// <summary>X API v2 recent search (spec sheet §2.7): <c>since_id</c> from the last finished run, <c>next_token</c>
/// pages, and the first page's <c>meta.newest_id</c> becomes the next <c>since_id</c> once the last page is stored.</summary>
internal static class XRecentSearchPull
{
    private const string TweetFields = "author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets,lang";

    public static PullRequestPlan Plan(PullSource source, PullCursor cursor)
    {
        var url = QueryString.Build(source.BaseUrl, "2/tweets/search/recent",
        [
            ("query", source.Query),
            ("max_results", source.PageSize.ToString(CultureInfo.InvariantCulture)),
            ("tweet.fields", TweetFields),
            ("expansions", "author_id"),
            ("user.fields", "username,name"),
            ("since_id", cursor.SinceId),
            ("next_token", cursor.NextToken),
        ]);
        return new PullRequestPlan(url, [new("Accept", "application/json")], PullAuth.Bearer);
    }

    public static PullResult Parse(PullContext context, ReadOnlyMemory<byte> body)
    {
        using var doc = JsonDocument.Parse(body, JsonFields.Options);
        var root = JsonFields.RootObject(doc);
        var meta = JsonFields.Obj(root, "meta")
            ?? throw new FormatException(root.TryGetProperty("errors", out _) ? "the response holds errors and no meta" : "the response has no meta");

        var handles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonFields.Obj(root, "includes") is { } includes)
            foreach (var user in JsonFields.Arr(includes, "users"))
                if (JsonFields.Str(user, "id") is { } id && JsonFields.Str(user, "username") is { } name)
                    handles[id] = name;

        var mentions = new List<Mention>();
        var ignored = 0;
        foreach (var post in JsonFields.Arr(root, "data"))
        {
            var id = JsonFields.Str(post, "id");
            if (string.IsNullOrWhiteSpace(id)) throw new FormatException("a post has no id");
            if (context.Brand is null) { ignored++; continue; }
            var authorId = JsonFields.Str(post, "author_id");
            var handle = authorId is null ? null : handles.GetValueOrDefault(authorId);
            var parent = JsonFields.Arr(post, "referenced_tweets")
                .Where(r => JsonFields.Str(r, "type") == "replied_to")
                .Select(r => JsonFields.Str(r, "id"))
                .FirstOrDefault(r => !string.IsNullOrWhiteSpace(r));
            var created = FeedTimestamp.TryParseIso(JsonFields.Str(post, "created_at") ?? "", out var at) ? at : context.ReceivedAt;
            mentions.Add(new Mention
            {
                Id = new MentionId(Platform.X, id),
                Channel = Channel.Mention,
                Account = context.Source.Account,
                ParentId = parent is null ? null : new MentionId(Platform.X, parent),
                ThreadKey = JsonFields.Str(post, "conversation_id"),
                Author = new Author(string.IsNullOrWhiteSpace(authorId) ? "unknown" : authorId, handle),
                FromBrand = context.Brand.Matches(authorId, handle),
                Text = JsonFields.Str(post, "text") ?? "",
                CreatedAt = created,
                ReceivedAt = context.ReceivedAt,
                Url = handle is null ? $"https://x.com/i/web/status/{id}" : $"https://x.com/{handle}/status/{id}",
            });
        }

        var cursor = context.Cursor;
        // The run's first page (no next_token asked) names the run's newest post; later pages are older.
        var pendingNewest = cursor.NextToken is null ? JsonFields.Str(meta, "newest_id") : cursor.PendingNewestId;
        var next = JsonFields.Str(meta, "next_token");
        var newCursor = next is not null
            ? cursor with { NextToken = next, PendingNewestId = pendingNewest }
            : cursor with { SinceId = pendingNewest ?? cursor.SinceId, NextToken = null, PendingNewestId = null };
        return new PullResult(PullOutcome.Ok, new WebhookBatch(mentions, ignored), newCursor, next is not null, null, null);
    }
}
