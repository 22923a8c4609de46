using System.Text;
using System.Text.Json;
using SocialSla.Core.Alerts.Storms;

namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Writes one readable line per alert to standard output.</summary>
internal sealed class ConsoleAlertSink(string name, TextWriter output) : IAlertSink
{
    private readonly Lock _gate = new();

    public string Name => name;

    public Task<DeliveryResult> DeliverAsync(string alertId, ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(alertJson);
        var root = document.RootElement;
        if (root.TryGetProperty("spike", out _))
        {
            // A spike alert: no case or clock, the account's channel against its baseline.
            var spike = new StringBuilder("ALERT ")
                .Append(root.GetProperty("kind").GetString()).Append(' ').Append(root.GetProperty("status").GetString())
                .Append(" on ").Append(root.GetProperty("account").GetString()).Append(" (").Append(root.GetProperty("channel").GetString()).Append(')')
                .Append(", ").Append(root.GetProperty("currentPerMinute").GetRawText()).Append("/min against ")
                .Append(root.TryGetProperty("baselinePerMinute", out var baseline) ? baseline.GetRawText() : "unknown").Append("/min")
                .Append(", since ").Append(root.GetProperty("startedAt").GetString());
            lock (_gate) output.WriteLine(spike.ToString());
            return Task.FromResult(DeliveryResult.Success);
        }
        var line = new StringBuilder("ALERT ")
            .Append(root.GetProperty("kind").GetString()).Append(' ')
            .Append(root.GetProperty("clock").GetString()).Append(" (target ").Append(root.GetProperty("target").GetString()).Append(") ")
            .Append("case ").Append(root.GetProperty("case").GetString())
            .Append(", priority ").Append(root.GetProperty("priority").GetString())
            .Append(", due ").Append(root.GetProperty("dueAt").GetString());
        if (root.TryGetProperty("customerHandle", out var handle)) line.Append(", customer @").Append(handle.GetString());
        lock (_gate) output.WriteLine(line.ToString());
        return Task.FromResult(DeliveryResult.Success);
    }

    public bool GroupsStorms => false;

    public Task<DeliveryResult> DeliverStormAsync(string messageId, ReadOnlyMemory<byte> stormJson, CancellationToken cancellationToken)
    {
        if (!StormIncidentJson.TryRead(stormJson.Span, out var incident)) return Task.FromResult(new DeliveryResult(false, "the stored storm message is unreadable", Permanent: true));
        lock (_gate) output.WriteLine($"STORM {incident.EventName} {incident.GroupId}: {incident.Count} alerts");
        return Task.FromResult(DeliveryResult.Success);
    }
}
