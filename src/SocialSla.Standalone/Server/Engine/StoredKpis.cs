using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Standalone.Server.Storage;
using SocialSla.Core.Kpis;
using SocialSla.Core.Storage;

namespace SocialSla.Standalone.Server.Engine;

/// <summary>KPI aggregates per (account, channel, priority, routing queue and tags, hour) in SQLite (no queue or tags
/// are stored as ''). Deltas of one batch merge in memory and
/// reach the file once per touched row in <see cref="Flush"/> (coalesced, as the Table store does per invocation).</summary>
/// <remarks>The engine is the only writer, so a row read once stays current in memory: recent rows (the hours traffic
/// is arriving for) are kept between batches instead of being read and parsed again.</remarks>
internal sealed class StoredKpis
{
    private readonly PreparedCommands _commands;
    private const int CacheLimit = 20_000;
    private readonly Dictionary<KpiKey, KpiAggregate> _dirty = [];
    private readonly Dictionary<KpiKey, KpiAggregate> _cache = [];

    public StoredKpis(PreparedCommands commands) => _commands = commands;

    public void Apply(KpiKey key, KpiDelta delta)
    {
        if (!_dirty.TryGetValue(key, out var aggregate))
        {
            if (!_cache.TryGetValue(key, out aggregate))
            {
                aggregate = Load(key) ?? new KpiAggregate();
                if (_cache.Count >= CacheLimit) _cache.Clear();
                _cache[key] = aggregate;
            }
            _dirty[key] = aggregate;
        }
        aggregate.Apply(delta);
    }

    public void Flush(SqliteTransaction transaction)
    {
        foreach (var (key, aggregate) in _dirty)
        {
            _commands.Execute("""
                INSERT INTO kpis(account, channel, priority, queue, tags, hour, data) VALUES ($a, $c, $p, $q, $t, $h, $d)
                ON CONFLICT(account, channel, priority, queue, tags, hour) DO UPDATE SET data = excluded.data
                """,
                ("$a", key.Account.ToString()), ("$c", (int)key.Channel), ("$p", (int)key.Priority), ("$q", key.Queue ?? ""), ("$t", key.Tags ?? ""),
                ("$h", HourNumber(key.Hour)), ("$d", KpiAggregateJson.ToUtf8(aggregate)));
        }
        _dirty.Clear();
    }

    /// <summary>Forgets unflushed deltas, after a failed commit (cached rows may hold them too).</summary>
    public void Reset()
    {
        _dirty.Clear();
        _cache.Clear();
    }

    /// <summary>Hours are stored as whole hours since the Unix epoch.</summary>
    public static long HourNumber(Instant hour) => (long)Math.Floor((hour - NodaConstants.UnixEpoch).TotalHours);

    private KpiAggregate? Load(KpiKey key)
    {
        return _commands.Scalar("SELECT data FROM kpis WHERE account = $a AND channel = $c AND priority = $p AND queue = $q AND tags = $t AND hour = $h",
            ("$a", key.Account.ToString()), ("$c", (int)key.Channel), ("$p", (int)key.Priority), ("$q", key.Queue ?? ""), ("$t", key.Tags ?? ""),
            ("$h", HourNumber(key.Hour))) is byte[] bytes
            ? KpiAggregateJson.Read(bytes) : null;
    }
}
