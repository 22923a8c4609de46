using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>A storm message as the JSON object hosts store and the signed webhook posts; receivers fold the messages
/// of one incident on <c>group</c> and dedupe redeliveries on <c>id</c>.</summary>
/// <remarks>
/// <code>
/// {"type":"storm","id":"storm:…/opened","group":"storm:oncall:x:ContosoCoffee:breached:…","event":"opened",
///  "recipient":"oncall","account":"x:ContosoCoffee","level":"breached","count":6,"cases":["x:ContosoCoffee:1",…],
///  "unlisted":0,"startedAt":"2026-11-02T09:15:00Z","at":"2026-11-02T09:15:03Z"}
/// </code>
/// </remarks>
public static class StormIncidentJson
{
    /// <summary>The incident message as UTF-8 JSON.</summary>
    public static byte[] ToUtf8(StormIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var buffer = new ArrayBufferWriter<byte>(512 + 40 * incident.Cases.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "storm");
            json.WriteString("id", incident.MessageId);
            json.WriteString("group", incident.GroupId);
            json.WriteString("event", incident.EventName);
            json.WriteString("recipient", incident.Recipient);
            json.WriteString("account", incident.Account.ToString());
            json.WriteString("level", SlaAlertJson.KindName(incident.Level));
            json.WriteNumber("count", incident.Count);
            json.WriteStartArray("cases");
            foreach (var @case in incident.Cases) json.WriteStringValue(@case.Value);
            json.WriteEndArray();
            json.WriteNumber("unlisted", incident.Unlisted);
            json.WriteString("startedAt", InstantPattern.ExtendedIso.Format(incident.StartedAt));
            json.WriteString("at", InstantPattern.ExtendedIso.Format(incident.At));
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a message written by <see cref="ToUtf8"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out StormIncident? incident)
    {
        incident = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var action = root.GetProperty("event").GetString() switch
            {
                "opened" => StormAction.OpenGroup,
                "updated" => StormAction.UpdateGroup,
                "closed" => StormAction.CloseGroup,
                _ => (StormAction)0,
            };
            if (action == 0) return false;
            if (!PlatformAccountId.TryParse(root.GetProperty("account").GetString(), out var account)) return false;
            if (!AlertRoute.TryParseKind(root.GetProperty("level").GetString(), out var level)) return false;
            var cases = new List<CaseId>();
            foreach (var item in root.GetProperty("cases").EnumerateArray())
            {
                if (!CaseId.TryParse(item.GetString(), out var id)) return false;
                cases.Add(id);
            }
            incident = new StormIncident(root.GetProperty("group").GetString() ?? "", action, root.GetProperty("recipient").GetString() ?? "",
                account, level, root.GetProperty("count").GetInt32(), cases, Parse(root, "startedAt"), Parse(root, "at"));
            return incident.GroupId.Length > 0;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or UnparsableValueException)
        {
            return false;
        }
    }

    private static Instant Parse(JsonElement root, string name) => InstantPattern.ExtendedIso.Parse(root.GetProperty(name).GetString()!).GetValueOrThrow();
}
