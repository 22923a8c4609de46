using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Mentions;
using SocialSla.Core.Spikes;

namespace SocialSla.Standalone.Kpis;

/// <summary>Writes the spike streams' rates against their baselines (the <c>spikes</c> member of <c>GET /api/kpis</c>
/// and of <c>replay --json</c>).</summary>
internal static class SpikeJsonWriter
{
    /// <summary>Writes <c>"spikes": {"evaluatedAt": …, "streams": [{account, channel, hourOfWeek, baselinePerMinute,
    /// currentPerMinute, baselineNegativeShare, currentNegativeShare, volumeSpike, negativeSurge}, …]}</c>; a baseline not
    /// yet learnt (or a window with no mentions, for its share) is <see langword="null"/>.</summary>
    /// <remarks>With <paramref name="alerts"/> (replay), <c>alerts</c> lists the spike alerts raised, each as
    /// <see cref="SpikeAlertJson"/> writes it.</remarks>
    public static void Write(Utf8JsonWriter json, Instant? evaluatedAt, IEnumerable<(SpikeStream Stream, SpikeSnapshot Snapshot)> streams,
        IReadOnlyList<SpikeAlert>? alerts = null)
    {
        json.WriteStartObject("spikes");
        if (evaluatedAt is { } at) json.WriteString("evaluatedAt", InstantPattern.ExtendedIso.Format(at));
        else json.WriteNull("evaluatedAt");
        json.WriteStartArray("streams");
        foreach (var (stream, snapshot) in streams)
        {
            json.WriteStartObject();
            json.WriteString("account", stream.Account.ToString());
            json.WriteString("channel", stream.Channel.ToWireName());
            json.WriteNumber("hourOfWeek", snapshot.HourOfWeek);
            Number(json, "baselinePerMinute", snapshot.BaselinePerMinute, 3);
            Number(json, "currentPerMinute", snapshot.CurrentPerMinute, 3);
            Number(json, "baselineNegativeShare", snapshot.BaselineNegativeShare, 4);
            Number(json, "currentNegativeShare", snapshot.CurrentNegativeShare, 4);
            json.WriteBoolean("volumeSpike", snapshot.VolumeSpike);
            json.WriteBoolean("negativeSurge", snapshot.NegativeSurge);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (alerts is not null)
        {
            json.WriteStartArray("alerts");
            foreach (var alert in alerts) SpikeAlertJson.Write(json, alert);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value, int digits)
    {
        if (value is { } v) json.WriteNumber(name, Math.Round(v, digits));
        else json.WriteNull(name);
    }
}
