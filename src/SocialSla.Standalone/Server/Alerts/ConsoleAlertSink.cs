using System.Text;
using System.Text.Json;

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
}
