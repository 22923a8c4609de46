using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Cases;
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
        _triage = new(() => ExcerptTriage.For(settings.Triage));
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
            SELECT id, state FROM cases
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY next_threshold IS NULL, next_threshold, opened_at, id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", query.Limit);
        var cases = new List<CaseSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cases.Add(Summarize(reader.GetString(0), (byte[])reader[1], now));
        }
        return cases;
    }

    /// <summary>One stored case row (its id and stored state) as a summary at <paramref name="now"/>.</summary>
    public CaseSummary Summarize(string id, byte[] stored, Instant now)
    {
        var entry = _cache.Get(id, stored, state => ExcerptTriage.Assess(state, _triage.Value));
        return CaseSummary.Of(entry.State, _settings.Policy, now, entry.Excerpt);
    }

    private static void Add(SqliteCommand command, List<string> conditions, string condition, string name, object? value)
    {
        if (value is null) return;
        conditions.Add(condition);
        command.Parameters.AddWithValue(name, value);
    }
}
