using System.Diagnostics.Metrics;

namespace SocialSla.Standalone.Server.Observability;

/// <summary>The server's metrics (System.Diagnostics.Metrics, meter <see cref="MeterName"/>), named the OpenTelemetry
/// way so any OpenTelemetry exporter (or <c>dotnet-counters monitor -n socialsla --counters SocialSla.Server</c>)
/// reads them as they are.</summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>socialsla.ingest.envelopes</c></term><description>counter, <c>{envelope}</c>: webhook deliveries
/// stored (tag <c>socialsla.source.kind</c>: <c>meta</c>, <c>x</c>, <c>generic</c>); its rate is the ingest rate.</description></item>
/// <item><term><c>socialsla.ingest.mentions</c></term><description>counter, <c>{mention}</c>: mentions the engine
/// applied (tag <c>socialsla.ingest.outcome</c>: <c>new</c> or <c>duplicate</c>).</description></item>
/// <item><term><c>socialsla.engine.queue_lag</c></term><description>gauge, <c>{envelope}</c>: stored envelopes the
/// engine has not applied yet.</description></item>
/// <item><term><c>socialsla.cases.open</c></term><description>gauge, <c>{case}</c>: open cases.</description></item>
/// <item><term><c>socialsla.alert.lateness</c></term><description>histogram, <c>s</c>: how long after its threshold
/// instant an alert was raised (tag <c>socialsla.alert.level</c>).</description></item>
/// <item><term><c>socialsla.sink.failures</c></term><description>counter, <c>{attempt}</c>: failed delivery
/// attempts (tag <c>socialsla.sink.name</c>).</description></item>
/// </list>
/// No tag holds message text, a handle or a secret. Thread-safe.
/// </remarks>
internal sealed class ServerMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SocialSla.Server";

    private readonly Counter<long> _envelopes;
    private readonly Counter<long> _mentions;
    private readonly Histogram<double> _alertLateness;
    private readonly Counter<long> _sinkFailures;
    private Func<long> _queueLag = () => 0;
    private Func<long> _openCases = () => 0;

    public ServerMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _envelopes = Meter.CreateCounter<long>("socialsla.ingest.envelopes", "{envelope}", "Webhook deliveries stored.");
        _mentions = Meter.CreateCounter<long>("socialsla.ingest.mentions", "{mention}", "Mentions the engine applied.");
        _alertLateness = Meter.CreateHistogram<double>("socialsla.alert.lateness", "s", "How long after its threshold instant an alert was raised.");
        _sinkFailures = Meter.CreateCounter<long>("socialsla.sink.failures", "{attempt}", "Failed alert delivery attempts.");
        Meter.CreateObservableGauge("socialsla.engine.queue_lag", () => _queueLag(), "{envelope}", "Stored envelopes the engine has not applied yet.");
        Meter.CreateObservableGauge("socialsla.cases.open", () => _openCases(), "{case}", "Open cases.");
    }

    /// <summary>The meter (one per server, from the host's meter factory).</summary>
    public Meter Meter { get; }

    /// <summary>Sets how the gauges are read (the host wires them once its parts exist).</summary>
    public void Observe(Func<long> queueLag, Func<long> openCases)
    {
        _queueLag = queueLag;
        _openCases = openCases;
    }

    public void EnvelopeStored(string kind) => _envelopes.Add(1, new KeyValuePair<string, object?>("socialsla.source.kind", kind));

    public void MentionsApplied(long fresh, long duplicates)
    {
        if (fresh > 0) _mentions.Add(fresh, new KeyValuePair<string, object?>("socialsla.ingest.outcome", "new"));
        if (duplicates > 0) _mentions.Add(duplicates, new KeyValuePair<string, object?>("socialsla.ingest.outcome", "duplicate"));
    }

    public void AlertRaised(string level, double latenessSeconds) =>
        _alertLateness.Record(latenessSeconds, new KeyValuePair<string, object?>("socialsla.alert.level", level));

    public void SinkFailed(string sink) => _sinkFailures.Add(1, new KeyValuePair<string, object?>("socialsla.sink.name", sink));
}
