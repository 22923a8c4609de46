using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>Parses <see cref="TriageOptions"/> from JSON: the <c>triage</c> section of the configuration file that
/// also holds the policy.</summary>
/// <remarks>
/// Shape (every member optional; an omitted one keeps its default from <see cref="TriageOptions"/>):
/// <code>
/// { "brands": [ { "account": "x:ContosoCoffee", "keywords": ["contoso", "contoso coffee"], "exclusions": ["contoso corp"] } ],
///   "noise": { "linkSpamLinks": 3, "promotionTerms": ["giveaway", "promo code"], "duplicateAuthors": 3,
///              "duplicateMinWords": 5, "duplicateMemory": 65536, "botAuthorIds": ["42"], "botHandleDigits": 8,
///              "botMaxFollowers": 10 },
///   "actionableChannels": ["dm"],
///   "priority": { "highFollowers": 10000, "urgentFollowers": 1000000, "verified": "high", "negativeSentiment": -0.5,
///                 "urgentTerms": ["lawsuit"], "addUrgentTerms": ["recall"], "highTerms": ["refund*"], "addHighTerms": ["voucher"],
///                 "highVelocity": 100, "urgentVelocity": 1000,
///                 "vipPriority": "high", "vipFile": "vips.csv",
///                 "vips": [ { "platform": "x", "handle": "janedoe", "id": "1234", "priority": "urgent" } ] },
///   "routing": { "defaultQueue": "general",
///                "rules": [ { "name": "billing", "when": { "terms": ["refund*", "charged twice"], "channels": ["dm"],
///                             "platforms": ["x"], "accounts": ["x:ContosoCoffee"], "languages": ["en"] },
///                             "tags": ["billing"], "queue": "billing-team", "stop": false } ] } }
/// </code>
/// <c>urgentTerms</c>, <c>highTerms</c> and <c>promotionTerms</c> replace the defaults; <c>addUrgentTerms</c> and
/// <c>addHighTerms</c> extend them. Terms are whole words ignoring case, phrases allowed, <c>word*</c> a prefix.
/// <c>vipFile</c> is a CSV read through the caller's <c>openFile</c> (see <see cref="VipList.TryRead"/>), relative to
/// the configuration file as the caller resolves it; <c>vips</c> entries add to it. Priorities are <c>low</c>,
/// <c>normal</c>, <c>high</c>, <c>urgent</c>; channels <c>dm</c>, <c>public_comment</c>, <c>mention</c>,
/// <c>review</c>, <c>post</c>; languages <c>en es fr de pt it nl und</c>. Unknown members are errors, so a typo does
/// not silently change triage. Comments and trailing commas are allowed.
/// </remarks>
public static class TriageOptionsParser
{
    /// <summary>Parses the <c>triage</c> object from its JSON text.</summary>
    /// <param name="json">The JSON of the <c>triage</c> object.</param>
    /// <param name="openFile">Opens a file the configuration names (<c>vipFile</c>); <see langword="null"/> when files are not allowed.</param>
    /// <param name="options">The options.</param>
    /// <param name="error">The member path and the problem, when parsing fails.</param>
    public static bool TryParse(string json, Func<string, TextReader>? openFile, [NotNullWhen(true)] out TriageOptions? options, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        options = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return TryParse(document.RootElement, openFile, out options, out error);
        }
        catch (JsonException e)
        {
            error = $"triage: not valid JSON: {e.Message}";
            return false;
        }
    }

    /// <summary>Parses the <c>triage</c> object of an already parsed configuration.</summary>
    /// <param name="element">The <c>triage</c> object.</param>
    /// <param name="openFile">Opens a file the configuration names (<c>vipFile</c>); <see langword="null"/> when files are not allowed.</param>
    /// <param name="options">The options.</param>
    /// <param name="error">The member path and the problem, when parsing fails.</param>
    public static bool TryParse(JsonElement element, Func<string, TextReader>? openFile, [NotNullWhen(true)] out TriageOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        try
        {
            options = Read(element, openFile);
            _ = new MentionTriage(options);
            error = null;
            return true;
        }
        catch (TriageConfigException e)
        {
            error = e.Message;
        }
        catch (InvalidOperationException)
        {
            // A member name with an unpaired surrogate escape: valid JSON, no valid string.
            error = "triage: a member name is not valid Unicode (an unpaired surrogate escape).";
        }
        catch (ArgumentException e)
        {
            error = $"triage: {e.Message}";
            options = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"triage.priority.vipFile: cannot read it: {e.Message}";
        }
        return false;
    }

    private static TriageOptions Read(JsonElement root, Func<string, TextReader>? openFile)
    {
        Expect(root, JsonValueKind.Object, "triage");
        var o = TriageOptions.Default;
        foreach (var member in root.EnumerateObject())
        {
            var at = $"triage.{member.Name}";
            o = member.Name switch
            {
                "brands" => o with { Brands = Brands(member.Value, at) },
                "noise" => NoiseSection(o, member.Value, at),
                "actionableChannels" => o with { ActionableChannels = Strings(member.Value, at).Select(v => ChannelOf(v, at)).ToHashSet() },
                "priority" => PrioritySection(o, member.Value, at, openFile),
                "routing" => RoutingSection(o, member.Value, at),
                _ => throw new TriageConfigException($"triage: unknown member '{member.Name}'."),
            };
        }
        return o;
    }

    private static List<BrandScope> Brands(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Array, path);
        var list = new List<BrandScope>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            Expect(item, JsonValueKind.Object, at);
            string? account = null;
            IReadOnlyList<string> keywords = [], exclusions = [];
            foreach (var member in item.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "account": account = String(member.Value, $"{at}.account"); break;
                    case "keywords": keywords = Strings(member.Value, $"{at}.keywords"); break;
                    case "exclusions": exclusions = Strings(member.Value, $"{at}.exclusions"); break;
                    default: throw new TriageConfigException($"{at}: unknown member '{member.Name}'.");
                }
            }
            if (string.IsNullOrWhiteSpace(account)) throw new TriageConfigException($"{at}: a brand needs an 'account'.");
            list.Add(new BrandScope(account, keywords, exclusions));
        }
        return list;
    }

    private static TriageOptions NoiseSection(TriageOptions o, JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        foreach (var member in element.EnumerateObject())
        {
            var at = $"{path}.{member.Name}";
            o = member.Name switch
            {
                "linkSpamLinks" => o with { LinkSpamLinks = Int(member.Value, at, 1) },
                "promotionTerms" => o with { PromotionTerms = Strings(member.Value, at) },
                "duplicateAuthors" => o with { DuplicateAuthors = Int(member.Value, at, 0) },
                "duplicateMinWords" => o with { DuplicateMinWords = Int(member.Value, at, 1) },
                "duplicateMemory" => o with { DuplicateMemory = Int(member.Value, at, 16) },
                "botAuthorIds" => o with { BotAuthorIds = Strings(member.Value, at).ToHashSet(StringComparer.Ordinal) },
                "botHandleDigits" => o with { BotHandleDigits = Int(member.Value, at, 0) },
                "botMaxFollowers" => o with { BotMaxFollowers = Long(member.Value, at) },
                _ => throw new TriageConfigException($"{path}: unknown member '{member.Name}'."),
            };
        }
        return o;
    }

    private static TriageOptions PrioritySection(TriageOptions o, JsonElement element, string path, Func<string, TextReader>? openFile)
    {
        Expect(element, JsonValueKind.Object, path);
        var vipPriority = Priority.High;
        if (element.TryGetProperty("vipPriority", out var vp)) vipPriority = PriorityOf(vp, $"{path}.vipPriority");
        var vips = new List<VipEntry>();
        var addUrgent = new List<string>();
        var addHigh = new List<string>();
        foreach (var member in element.EnumerateObject())
        {
            var at = $"{path}.{member.Name}";
            switch (member.Name)
            {
                case "highFollowers": o = o with { HighFollowers = Long(member.Value, at) }; break;
                case "urgentFollowers": o = o with { UrgentFollowers = Long(member.Value, at) }; break;
                case "verified": o = o with { VerifiedPriority = PriorityOf(member.Value, at) }; break;
                case "negativeSentiment":
                    var threshold = Number(member.Value, at);
                    if (threshold is < -1 or > 0) throw new TriageConfigException($"{at}: must be between -1 and 0; it is {threshold.ToString(CultureInfo.InvariantCulture)}.");
                    o = o with { NegativeSentiment = (float)threshold };
                    break;
                case "urgentTerms": o = o with { UrgentTerms = Strings(member.Value, at) }; break;
                case "highTerms": o = o with { HighTerms = Strings(member.Value, at) }; break;
                case "addUrgentTerms": addUrgent.AddRange(Strings(member.Value, at)); break;
                case "addHighTerms": addHigh.AddRange(Strings(member.Value, at)); break;
                case "highVelocity": o = o with { HighVelocity = NonNegative(member.Value, at) }; break;
                case "urgentVelocity": o = o with { UrgentVelocity = NonNegative(member.Value, at) }; break;
                case "vipPriority": break;
                case "vipFile":
                    var file = String(member.Value, at);
                    if (openFile is null) throw new TriageConfigException($"{at}: files cannot be read here.");
                    using (var reader = openFile(file))
                    {
                        if (!VipList.TryReadEntries(reader, vipPriority, out var fromFile, out var vipError)) throw new TriageConfigException($"{at}: {file}: {vipError}");
                        vips.AddRange(fromFile);
                    }
                    break;
                case "vips": vips.AddRange(VipEntries(member.Value, at, vipPriority)); break;
                default: throw new TriageConfigException($"{path}: unknown member '{member.Name}'.");
            }
        }
        if (addUrgent.Count > 0) o = o with { UrgentTerms = [.. o.UrgentTerms, .. addUrgent] };
        if (addHigh.Count > 0) o = o with { HighTerms = [.. o.HighTerms, .. addHigh] };
        if (vips.Count > 0) o = o with { Vips = new VipList(vips) };
        return o;
    }

    private static List<VipEntry> VipEntries(JsonElement element, string path, Priority vipPriority)
    {
        Expect(element, JsonValueKind.Array, path);
        var list = new List<VipEntry>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            Expect(item, JsonValueKind.Object, at);
            Platform? platform = null;
            string? handle = null, id = null;
            var priority = vipPriority;
            foreach (var member in item.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "platform":
                        var name = String(member.Value, $"{at}.platform");
                        platform = PlatformNames.TryParse(name, out var p) ? p : throw new TriageConfigException($"{at}.platform: unknown platform '{name}'.");
                        break;
                    case "handle": handle = String(member.Value, $"{at}.handle"); break;
                    case "id": id = String(member.Value, $"{at}.id"); break;
                    case "priority": priority = PriorityOf(member.Value, $"{at}.priority"); break;
                    default: throw new TriageConfigException($"{at}: unknown member '{member.Name}'.");
                }
            }
            if (string.IsNullOrWhiteSpace(handle) && string.IsNullOrWhiteSpace(id)) throw new TriageConfigException($"{at}: a VIP needs a 'handle' or an 'id'.");
            list.Add(new VipEntry(platform, handle, id, priority));
        }
        return list;
    }

    private static TriageOptions RoutingSection(TriageOptions o, JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        foreach (var member in element.EnumerateObject())
        {
            var at = $"{path}.{member.Name}";
            switch (member.Name)
            {
                case "defaultQueue": o = o with { DefaultQueue = NonEmpty(member.Value, at) }; break;
                case "rules":
                    Expect(member.Value, JsonValueKind.Array, at);
                    var rules = new List<RoutingRule>();
                    var index = 0;
                    foreach (var rule in member.Value.EnumerateArray()) rules.Add(Rule(rule, $"{at}[{index++}]"));
                    o = o with { Routing = rules };
                    break;
                default: throw new TriageConfigException($"{path}: unknown member '{member.Name}'.");
            }
        }
        return o;
    }

    private static RoutingRule Rule(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        string? name = null, queue = null;
        var when = RoutingConditions.Any;
        IReadOnlyList<string> tags = [];
        var stop = false;
        foreach (var member in element.EnumerateObject())
        {
            var at = $"{path}.{member.Name}";
            switch (member.Name)
            {
                case "name": name = NonEmpty(member.Value, at); break;
                case "when": when = Conditions(member.Value, at); break;
                case "tags": tags = Strings(member.Value, at); break;
                case "queue": queue = NonEmpty(member.Value, at); break;
                case "stop":
                    if (member.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new TriageConfigException($"{at}: expected true or false.");
                    stop = member.Value.GetBoolean();
                    break;
                default: throw new TriageConfigException($"{path}: unknown member '{member.Name}'.");
            }
        }
        if (name is null) throw new TriageConfigException($"{path}: a rule needs a 'name'.");
        return new RoutingRule(name, when) { Tags = tags, Queue = queue, Stop = stop };
    }

    private static RoutingConditions Conditions(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        var c = new RoutingConditions();
        foreach (var member in element.EnumerateObject())
        {
            var at = $"{path}.{member.Name}";
            var values = Strings(member.Value, at);
            c = member.Name switch
            {
                "terms" => c with { Terms = values },
                "channels" => c with { Channels = values.Select(v => ChannelOf(v, at)).ToHashSet() },
                "platforms" => c with { Platforms = values.Select(v => PlatformNames.TryParse(v, out var p) ? p : throw new TriageConfigException($"{at}: unknown platform '{v}'.")).ToHashSet() },
                "accounts" => c with { Accounts = values.ToHashSet(StringComparer.Ordinal) },
                "languages" => c with { Languages = values.Select(v => LanguageNames.TryParse(v, out var l) ? l : throw new TriageConfigException($"{at}: unknown language '{v}' (en, es, fr, de, pt, it, nl, und).")).ToHashSet() },
                _ => throw new TriageConfigException($"{path}: unknown condition '{member.Name}'."),
            };
        }
        return c;
    }

    private static Channel ChannelOf(string value, string at) =>
        ChannelNames.TryParse(value, out var channel) ? channel : throw new TriageConfigException($"{at}: unknown channel '{value}' (dm, public_comment, mention, review, post).");

    private static Priority PriorityOf(JsonElement element, string at)
    {
        var text = String(element, at);
        return TriagePriorities.TryParse(text, out var p) ? p : throw new TriageConfigException($"{at}: unknown priority '{text}' (low, normal, high, urgent).");
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string at)
    {
        if (element.ValueKind != kind) throw new TriageConfigException($"{at}: expected {(kind == JsonValueKind.Object ? "an object" : kind == JsonValueKind.Array ? "an array" : kind.ToString().ToLowerInvariant())}.");
    }

    private static string String(JsonElement element, string at)
    {
        Expect(element, JsonValueKind.String, at);
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800) is valid JSON but no valid string.
            throw new TriageConfigException($"{at}: the string holds an unpaired surrogate escape (not valid Unicode).");
        }
    }

    private static string NonEmpty(JsonElement element, string at)
    {
        var value = String(element, at);
        return string.IsNullOrWhiteSpace(value) ? throw new TriageConfigException($"{at}: must not be empty.") : value;
    }

    private static List<string> Strings(JsonElement element, string at)
    {
        Expect(element, JsonValueKind.Array, at);
        var list = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray()) list.Add(NonEmpty(item, $"{at}[{index++}]"));
        return list;
    }

    private static double Number(JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
            throw new TriageConfigException($"{at}: expected a number.");
        return value;
    }

    private static double NonNegative(JsonElement element, string at)
    {
        var value = Number(element, at);
        return value < 0 ? throw new TriageConfigException($"{at}: must not be negative.") : value;
    }

    private static int Int(JsonElement element, string at, int min)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value)) throw new TriageConfigException($"{at}: expected a whole number.");
        return value < min ? throw new TriageConfigException($"{at}: must be at least {min}; it is {value}.") : value;
    }

    private static long Long(JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value)) throw new TriageConfigException($"{at}: expected a whole number.");
        return value < 0 ? throw new TriageConfigException($"{at}: must not be negative.") : value;
    }

    private sealed class TriageConfigException(string message) : Exception(message);
}
