using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Calendars;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Sla;

/// <summary>Parses an SLA policy from JSON (the policy file, or the <c>policy</c> section of the server configuration).</summary>
/// <remarks>
/// Shape (every member optional):
/// <code>
/// { "autoResolveAfter": "24h", "reopenWindow": "72h", "replyWindowLead": "1h",
///   "botAuthorIds": ["1500000000000000001"], "botMarkers": ["#autoreply"],
///   "calendars": { "berlin-office": { "zone": "Europe/Berlin", "hours": "mon-fri 09:00-17:00", "holidays": ["2026-12-25"] } },
///   "rules": [ { "name": "vip", "when": { "platforms": ["x"], "channels": ["dm"], "accounts": ["ContosoCoffee"],
///                "priorities": ["high", "urgent"], "tags": ["billing"] },
///                "firstReply": "15m", "nextReply": "30m", "resolution": "off", "calendar": "berlin-office" } ] }
/// </code>
/// Durations are written as in <see cref="DurationText"/>; <c>"off"</c> removes a target. A rule's unset targets keep
/// the built-in defaults. Unknown members are errors, so a typo does not silently change a target.
/// </remarks>
public static class SlaPolicyParser
{
    /// <summary>Parses a policy; <paramref name="error"/> names the member and the problem when it fails.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out SlaPolicy? policy, [NotNullWhen(false)] out string? error)
    {
        policy = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            policy = Read(document.RootElement);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
        }
        catch (PolicyException e)
        {
            error = e.Message;
        }
        catch (InvalidOperationException)
        {
            // A member name with an unpaired surrogate escape: valid JSON, no valid string.
            error = "the policy holds a member name that is not valid Unicode (an unpaired surrogate escape).";
        }
        return false;
    }

    private static SlaPolicy Read(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "the policy");
        Duration? autoResolve = null, reopen = null, lead = null;
        var botIds = new List<string>();
        var markers = new List<string>();
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);
        JsonElement? rulesElement = null;
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case "autoResolveAfter": autoResolve = PositiveDuration(member.Value, member.Name); break;
                case "reopenWindow": reopen = PositiveDuration(member.Value, member.Name); break;
                case "replyWindowLead": lead = PositiveDuration(member.Value, member.Name); break;
                case "botAuthorIds": botIds.AddRange(Strings(member.Value, member.Name)); break;
                case "botMarkers": markers.AddRange(Strings(member.Value, member.Name)); break;
                case "calendars":
                    Expect(member.Value, JsonValueKind.Object, "calendars");
                    foreach (var calendar in member.Value.EnumerateObject())
                        calendars[calendar.Name] = Calendar(calendar.Value, $"calendars.{calendar.Name}");
                    break;
                case "rules": rulesElement = member.Value; break;
                default: throw new PolicyException($"unknown member '{member.Name}'.");
            }
        }
        var rules = new List<SlaRule>();
        if (rulesElement is { } list)
        {
            Expect(list, JsonValueKind.Array, "rules");
            var index = 0;
            foreach (var rule in list.EnumerateArray()) rules.Add(Rule(rule, $"rules[{index++}]", calendars));
        }
        return new SlaPolicy(rules, autoResolve, reopen, botIds, markers, lead);
    }

    private static SlaRule Rule(JsonElement element, string path, Dictionary<string, BusinessCalendar> calendars)
    {
        Expect(element, JsonValueKind.Object, path);
        string? name = null;
        var when = SlaRuleConditions.Any;
        Duration? first = null, next = null, resolution = null;
        BusinessCalendar? calendar = null;
        foreach (var member in element.EnumerateObject())
        {
            var at = $"{path}.{member.Name}";
            switch (member.Name)
            {
                case "name": name = String(member.Value, at); break;
                case "when": when = Conditions(member.Value, at); break;
                case "firstReply": first = Target(member.Value, at); break;
                case "nextReply": next = Target(member.Value, at); break;
                case "resolution": resolution = Target(member.Value, at); break;
                case "calendar":
                    var calendarName = String(member.Value, at);
                    if (!calendars.TryGetValue(calendarName, out calendar))
                        throw new PolicyException($"{at}: no calendar named '{calendarName}' (define it under 'calendars').");
                    break;
                default: throw new PolicyException($"{path}: unknown member '{member.Name}'.");
            }
        }
        if (string.IsNullOrWhiteSpace(name)) throw new PolicyException($"{path}: a rule needs a 'name'.");
        return new SlaRule(name, when) { FirstReply = first, NextReply = next, Resolution = resolution, Calendar = calendar };
    }

    private static SlaRuleConditions Conditions(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        var conditions = new SlaRuleConditions();
        foreach (var member in element.EnumerateObject())
        {
            var at = $"{path}.{member.Name}";
            var values = Strings(member.Value, at);
            conditions = member.Name switch
            {
                "platforms" => conditions with { Platforms = values.Select(v => PlatformNames.TryParse(v, out var p) ? p : throw new PolicyException($"{at}: unknown platform '{v}'.")).ToHashSet() },
                "channels" => conditions with { Channels = values.Select(v => ChannelNames.TryParse(v, out var c) ? c : throw new PolicyException($"{at}: unknown channel '{v}' (dm, public_comment, mention, review, post).")).ToHashSet() },
                "priorities" => conditions with { Priorities = values.Select(v => Enum.TryParse<Priority>(v, ignoreCase: true, out var p) && Enum.IsDefined(p) && !char.IsDigit(v[0]) ? p : throw new PolicyException($"{at}: unknown priority '{v}' (low, normal, high, urgent).")).ToHashSet() },
                "accounts" => conditions with { Accounts = values.ToHashSet(StringComparer.Ordinal) },
                "tags" => conditions with { Tags = values.ToHashSet(StringComparer.OrdinalIgnoreCase) },
                _ => throw new PolicyException($"{path}: unknown condition '{member.Name}'."),
            };
        }
        return conditions;
    }

    private static BusinessCalendar Calendar(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        DateTimeZone zone = DateTimeZone.Utc;
        var hours = WeeklyHours.AlwaysOpen;
        var holidays = new List<LocalDate>();
        foreach (var member in element.EnumerateObject())
        {
            var at = $"{path}.{member.Name}";
            switch (member.Name)
            {
                case "zone":
                    var zoneId = String(member.Value, at);
                    zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new PolicyException($"{at}: '{zoneId}' is not an IANA time zone id.");
                    break;
                case "hours":
                    if (!WeeklyHours.TryParse(String(member.Value, at), out var parsed, out var reason)) throw new PolicyException($"{at}: {reason}");
                    hours = parsed;
                    break;
                case "holidays":
                    foreach (var day in Strings(member.Value, at))
                    {
                        var date = LocalDatePattern.Iso.Parse(day);
                        if (!date.Success) throw new PolicyException($"{at}: '{day}' is not a date like 2026-12-25.");
                        holidays.Add(date.Value);
                    }
                    break;
                default: throw new PolicyException($"{path}: unknown member '{member.Name}'.");
            }
        }
        try
        {
            return new BusinessCalendar(zone, hours, holidays);
        }
        catch (InvalidOperationException e)
        {
            throw new PolicyException($"{path}: {e.Message}");
        }
    }

    private static Duration Target(JsonElement element, string path)
    {
        var text = String(element, path);
        return string.Equals(text, "off", StringComparison.OrdinalIgnoreCase) ? SlaRule.Off : PositiveDuration(element, path);
    }

    private static Duration PositiveDuration(JsonElement element, string path)
    {
        var text = String(element, path);
        if (!DurationText.TryParse(text, out var value, out var reason)) throw new PolicyException($"{path}: {reason}");
        if (value <= Duration.Zero) throw new PolicyException($"{path}: the duration must be positive.");
        return value;
    }

    private static string String(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.String, path);
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800) is valid JSON but no valid string.
            throw new PolicyException($"{path}: the string holds an unpaired surrogate escape (not valid Unicode).");
        }
    }

    private static List<string> Strings(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Array, path);
        var index = 0;
        return element.EnumerateArray().Select(item => String(item, $"{path}[{index++}]")).ToList();
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind)
            throw new PolicyException($"{path} must be {(kind == JsonValueKind.Object ? "an object" : kind == JsonValueKind.Array ? "an array" : "a string")}, not {element.ValueKind.ToString().ToLowerInvariant()}.");
    }

    private sealed class PolicyException(string message) : Exception(message);
}
