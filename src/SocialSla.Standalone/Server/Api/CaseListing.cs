using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage;
using SocialSla.Core.Triage;
using SocialSla.Standalone.Server.Configuration;

namespace SocialSla.Standalone.Server.Api;

/// <summary>Reads cases for the case list and the CSV export: one query on <c>cases</c>, each row judged at one
/// instant (<see cref="CaseClocks"/>) and its excerpt triaged (see <see cref="CaseSummary"/>).</summary>
/// <remarks>Open cases come in the board's order: by their next threshold (none last), then by opening.</remarks>
internal sealed class CaseListing
{
    private readonly ServerSettings _settings;
    private readonly CaseStateCache _cache;
    private readonly Lazy<MentionTriage?> _triage;

    /// <summary>A listing for one request (its triage, built only on a cache miss, keeps no near-duplicate memory, so
    /// reads cannot change it).</summary>
    public CaseListing(ServerSettings settings, CaseStateCache cache)
    {
        _settings = settings;
        _cache = cache;
        _triage = new(() => settings.Triage is { } options ? new MentionTriage(options with { DuplicateAuthors = 0 }) : null);
    }

    public List<CaseSummary> Read(SqliteConnection connection, CaseListQuery query, Instant now)
    {
        using var command = connection.CreateCommand();
        var conditions = new List<string> { $"status IN ({string.Join(", ", query.Statuses.Select((_, i) => $"$s{i}"))})" };
        for (var i = 0; i < query.Statuses.Length; i++) command.Parameters.AddWithValue($"$s{i}", query.Statuses[i]);
        Add(command, conditions, "account = $account", "$account", query.Account);
        Add(command, conditions, "channel = $channel", "$channel", query.Channel);
        Add(command, conditions, "priority = $priority", "$priority", query.Priority);
        Add(command, conditions, "opened_at >= $from", "$from", query.From is { } from ? InstantNanos.ToNanos(from) : null);
        Add(command, conditions, "opened_at < $to", "$to", query.To is { } to ? InstantNanos.ToNanos(to) : null);
        command.CommandText = $"""
            SELECT id, account, channel, priority, status, opened_at, next_threshold, state FROM cases
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY next_threshold IS NULL, next_threshold, opened_at, id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", query.Limit);
        var cases = new List<CaseSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cases.Add(Summarize(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), (byte[])reader[7], now));
        }
        return cases;
    }

    /// <summary>One stored case row as a summary at <paramref name="now"/>.</summary>
    public CaseSummary Summarize(string id, string account, string channel, string priority, string status, long? openedAt, long? nextThreshold, byte[] stored, Instant now)
    {
        var (_, state, sentiment, tags, reasons) = _cache.Get(id, stored, Triage);
        var open = status is "open" or "notOpened";
        var clocks = CaseClocks.Describe(state, _settings.Policy, open ? now : state.ClosedAt ?? now);
        ThresholdLevel? level = null;
        Instant? levelAt = null;
        foreach (var clock in clocks)
        {
            if (clock.NextThresholdAt is { } at && (levelAt is null || at < levelAt)) (level, levelAt) = (clock.NextThreshold, at);
        }
        return new CaseSummary(id, account, channel, priority, status,
            openedAt is { } o ? InstantNanos.FromNanos(o) : null, state.ClosedAt,
            nextThreshold is { } n ? InstantNanos.FromNanos(n) : null, open ? level : null,
            open ? CaseClocks.Urgency(clocks) : CaseUrgency.Idle,
            state.CustomerHandle, state.Link, state.Excerpt, sentiment, state.Tags.Length > 0 ? state.Tags : tags, reasons, state.Queue, state.Sentiment);
    }

    private (SentimentScore, IReadOnlyList<string>, PriorityReasons) Triage(CaseState state)
    {
        if (_triage.Value is null) return (SentimentAnalyzer.Analyze(state.Excerpt), [], PriorityReasons.None);
        var mention = new Mention
        {
            Id = new MentionId(state.Account.Platform, "excerpt"),
            Channel = state.Channel,
            Account = state.Account,
            Author = new Author("customer", state.CustomerHandle),
            FromBrand = false,
            Text = state.Excerpt,
            CreatedAt = NodaConstants.UnixEpoch,
            ReceivedAt = NodaConstants.UnixEpoch,
        };
        var result = _triage.Value.Assess(mention, TriageContext.None);
        return (result.Sentiment, result.Tags, result.PriorityReasons);
    }

    private static void Add(SqliteCommand command, List<string> conditions, string condition, string name, object? value)
    {
        if (value is null) return;
        conditions.Add(condition);
        command.Parameters.AddWithValue(name, value);
    }

    /// <summary>The names of the reasons set in <paramref name="reasons"/>, camelCase, in flag order.</summary>
    public static List<string> ReasonNames(PriorityReasons reasons)
    {
        var names = new List<string>();
        foreach (var flag in Enum.GetValues<PriorityReasons>())
        {
            if (flag != PriorityReasons.None && reasons.HasFlag(flag)) names.Add(JsonNamingPolicy.CamelCase.ConvertName(flag.ToString()));
        }
        return names;
    }

    /// <summary>The wire name of an urgency (<c>running</c>, <c>warning</c>, <c>atRisk</c>, <c>breached</c>, <c>paused</c>, <c>idle</c>).</summary>
    public static string UrgencyName(CaseUrgency urgency) => JsonNamingPolicy.CamelCase.ConvertName(urgency.ToString());

    /// <summary>Writes the summary's fields into the current JSON object.</summary>
    public static void WriteFields(Utf8JsonWriter json, CaseSummary summary, Instant now)
    {
        json.WriteString("id", summary.Id);
        json.WriteString("account", summary.Account);
        json.WriteString("channel", summary.Channel);
        json.WriteString("priority", summary.Priority);
        json.WriteString("status", summary.Status);
        if (summary.OpenedAt is { } opened) json.WriteString("openedAt", ApiTime.Format(opened));
        if (summary.ClosedAt is { } closed) json.WriteString("closedAt", ApiTime.Format(closed));
        if (summary.NextThresholdAt is { } next)
        {
            json.WriteString("nextThresholdAt", ApiTime.Format(next));
            json.WriteNumber("secondsToNextThreshold", Math.Round((next - now).TotalSeconds, 3));
        }
        if (summary.NextThreshold is { } level) json.WriteString("nextThreshold", Core.Alerts.AlertId.LevelName(level));
        json.WriteString("urgency", UrgencyName(summary.Urgency));
        if (summary.CustomerHandle is { } handle) json.WriteString("customerHandle", handle);
        if (summary.Link is { } link) json.WriteString("link", link);
        json.WriteString("excerpt", summary.Excerpt);
        json.WriteStartObject("sentiment");
        json.WriteNumber("score", Math.Round(summary.Sentiment.Score, 3));
        json.WriteString("label", summary.Sentiment.Label.ToString().ToLowerInvariant());
        if (summary.SentimentTrack.Count > 0)
        {
            // Stored by triage: the first and latest customer message's label and the score change between them.
            json.WriteString("first", summary.SentimentTrack.First.Label.ToString().ToLowerInvariant());
            json.WriteString("last", summary.SentimentTrack.Last.Label.ToString().ToLowerInvariant());
            json.WriteNumber("scoreChange", Math.Round(summary.SentimentTrack.Last.Score - summary.SentimentTrack.First.Score, 3));
            json.WriteNumber("messages", summary.SentimentTrack.Count);
        }
        json.WriteEndObject();
        json.WriteStartArray("tags");
        foreach (var tag in summary.Tags) json.WriteStringValue(tag);
        json.WriteEndArray();
        if (summary.Queue is { } queue) json.WriteString("queue", queue);
        else json.WriteNull("queue");
        json.WriteStartArray("priorityReasons");
        foreach (var reason in ReasonNames(summary.PriorityReasons)) json.WriteStringValue(reason);
        json.WriteEndArray();
    }
}
