using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Observability;
using SocialSla.Standalone.Tests.Pulls;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Issue #8 item 5: a webhook → alert → delivery flow leaves log lines linked by ids (envelope sequence → case
/// → alert), and metrics for ingest, queue lag, open cases, alert lateness and sink failures; and no log line, at any
/// level, holds message text, a handle or a secret.</summary>
public sealed partial class ObservabilityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private const string Text = "OBSTEXT-7 my cold brew arrived warm and leaking";
    private const string Handle = "obs_handle_zed";

    [Fact]
    public async Task WebhookToAlertFlow_CorrelatesLogsByIds_RecordsMetrics_AndLogsNoTextHandleOrSecret()
    {
        var logs = new CapturingLoggerProvider();
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time, options => options.Sinks =
        [
            new SinkOptions { Type = "jsonl", Path = "alerts.jsonl" },
            new SinkOptions { Type = "webhook", Url = "http://127.0.0.1:9/refused", Secret = "whsec_" + Convert.ToBase64String("sink-secret-0001"u8.ToArray()) },
        ], logs: logs);
        var meter = server.Services.GetRequiredService<ServerMetrics>().Meter;
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tags(tags))));
        listener.Start();

        using (var response = await server.PostMentionsAsync(time.GetUtcNow(), ErasureTests.Line("5001", T0, "800001", Handle, Text)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.WaitProcessedAsync();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var elapsed = 0;
        while (server.Scalar("SELECT count(*) FROM alerts") < 3 || !measurements.Any(m => m.Instrument == "socialsla.sink.failures"))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The alerts were not raised and attempted.");
            time.Advance(TimeSpan.FromMinutes(5));
            elapsed += 5;
            // The thresholds of the one-hour target passed by now (30, 48, 60 minutes) are raised before the clock moves
            // on, so each alert's lateness is within one 5-minute step however slowly the engine runs.
            var due = (elapsed > 30 ? 1 : 0) + (elapsed > 48 ? 1 : 0) + (elapsed > 60 ? 1 : 0);
            while (server.Scalar("SELECT count(*) FROM alerts") < due)
            {
                if (DateTime.UtcNow > until) throw new TimeoutException($"{due} alerts were due at +{elapsed} min.");
                await Task.Delay(20);
            }
            await Task.Delay(20);
        }
        listener.RecordObservableInstruments();

        // Metrics.
        Assert.Contains(measurements, m => m.Instrument == "socialsla.ingest.envelopes" && m.Value == 1 && m.Tags.Contains("socialsla.source.kind=generic"));
        Assert.Contains(measurements, m => m.Instrument == "socialsla.ingest.mentions" && m.Value == 1 && m.Tags.Contains("socialsla.ingest.outcome=new"));
        var lateness = measurements.Where(m => m.Instrument == "socialsla.alert.lateness").ToList();
        Assert.Equal(3, lateness.Count); // warning, at risk, breached of the one-hour first reply
        Assert.All(lateness, m => Assert.InRange(m.Value, 0, 5 * 60)); // raised within the 5-minute steps the clock took
        Assert.Contains(measurements, m => m.Instrument == "socialsla.sink.failures" && m.Tags.Contains("socialsla.sink.name="));
        Assert.Equal(0, measurements.Last(m => m.Instrument == "socialsla.engine.queue_lag").Value);
        Assert.Equal(1, measurements.Last(m => m.Instrument == "socialsla.cases.open").Value);

        // The correlation chain: the stored envelope's sequence → the case it touched → the alerts raised for that case.
        var lines = logs.Lines.ToList();
        var stored = lines.Select(l => StoredLine().Match(l)).Single(m => m.Success);
        var seq = stored.Groups["seq"].Value;
        var applied = lines.Select(l => AppliedLine().Match(l)).Single(m => m.Success && m.Groups["seq"].Value == seq);
        var caseId = applied.Groups["cases"].Value;
        Assert.Equal("x:ContosoCoffee:5001", caseId);
        var alertIds = lines.Select(l => RaisedLine().Match(l)).Where(m => m.Success && m.Groups["case"].Value == caseId).Select(m => m.Groups["alert"].Value).ToList();
        Assert.Equal(3, alertIds.Count);
        Assert.Contains(lines, l => l.Contains("failed", StringComparison.Ordinal) && alertIds.Any(id => l.Contains(id, StringComparison.Ordinal)));

        // Nothing personal or secret in any line, at any level.
        Assert.True(File.ReadAllText(server.AlertsFile).Contains(Handle, StringComparison.Ordinal)); // the alerts did carry it
        foreach (var line in lines)
        {
            foreach (var needle in new[] { "OBSTEXT", "cold brew", Handle, TestServer.DeskSecret, TestServer.XSecret, TestServer.MetaSecret, TestServer.AgentToken, TestServer.ReadToken, "sink-secret" })
                Assert.False(line.Contains(needle, StringComparison.OrdinalIgnoreCase), $"A log line holds '{needle}': {line}");
        }
    }

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = "";
        foreach (var (key, value) in tags) text += $"{key}={value};";
        return text;
    }

    [GeneratedRegex(@"Stored generic envelope (?<seq>\d+) from desk")]
    private static partial Regex StoredLine();

    [GeneratedRegex(@"Applied envelope (?<seq>\d+) \(generic\): 1 new, 0 duplicates, cases (?<cases>\S+)")]
    private static partial Regex AppliedLine();

    [GeneratedRegex(@"Raised \w+ alert (?<alert>\S+) for case (?<case>\S+?),")]
    private static partial Regex RaisedLine();
}
