using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Webhooks;

namespace SocialSla.Standalone.Server.Configuration;

/// <summary>Reads the configuration file, applies <c>SOCIALSLA_</c> environment overrides and validates the result,
/// naming the setting at fault. Secrets are never part of an error message.</summary>
internal static class ServerConfigLoader
{
    public const string EnvironmentPrefix = "SOCIALSLA_";

    public static bool TryLoad(string? path, IDictionary<string, string?>? environment, [NotNullWhen(true)] out ServerSettings? settings, [NotNullWhen(false)] out string? error)
    {
        settings = null;
        var baseDirectory = path is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? inlinePolicy = null;
        string? inlineTriage = null;
        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                error = $"the configuration file '{path}' does not exist";
                return false;
            }
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    error = $"the configuration file '{path}' must hold one JSON object";
                    return false;
                }
                if (document.RootElement.TryGetProperty("policy", out var policy)) inlinePolicy = policy.GetRawText();
                if (document.RootElement.TryGetProperty("triage", out var triage)) inlineTriage = triage.GetRawText();
            }
            catch (JsonException e)
            {
                // Not the parser's message: it may quote the text around the fault, and the file holds secrets.
                error = $"the configuration file '{path}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
                return false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = $"cannot read the configuration file '{path}': {e.Message}";
                return false;
            }
            catch (InvalidOperationException)
            {
                // A member name in invalid UTF-8 or with an unpaired surrogate escape: it cannot be compared or bound.
                error = $"the configuration file '{path}' holds a member name that is not valid UTF-8 or Unicode";
                return false;
            }
            builder.AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false);
        }
        if (environment is not null)
        {
            // Setting names ignore case but Linux variable names do not: two variables naming one setting are refused
            // (which would win is not obvious), and a variable without a value sets nothing.
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in environment)
            {
                if (!pair.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) || pair.Value is null) continue;
                var key = pair.Key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
                if (names.TryGetValue(key, out var other))
                {
                    error = $"the environment variables {other} and {pair.Key} set the same setting";
                    return false;
                }
                names.Add(key, pair.Key);
                overrides.Add(key, pair.Value);
            }
            builder.AddInMemoryCollection(overrides);
        }

        var options = new ServerOptions();
        try
        {
            var configuration = builder.Build();
            configuration.Bind(options);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException)
        {
            error = $"the configuration is not valid: {e.Message}";
            return false;
        }
        if (!TryValidate(options, inlinePolicy, baseDirectory, out settings, out error)) return false;
        if (inlineTriage is not null)
        {
            Core.Triage.TriageOptions? triageOptions;
            string? triageError;
            try
            {
                Core.Triage.TriageOptionsParser.TryParse(inlineTriage, file => File.OpenText(Path.Combine(baseDirectory, file)), out triageOptions, out triageError);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                (triageOptions, triageError) = (null, $"cannot read a file it names: {e.Message}");
            }
            if (triageOptions is null)
            {
                settings = null;
                error = $"triage: {triageError}";
                return false;
            }
            settings = settings with { Triage = triageOptions };
        }
        return true;
    }

    public static bool TryValidate(ServerOptions options, string? inlinePolicy, string baseDirectory, [NotNullWhen(true)] out ServerSettings? settings, [NotNullWhen(false)] out string? error)
    {
        settings = null;
        var accounts = new List<BrandAccount>();
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            if (!PlatformAccountId.TryParse(account.Account, out var id))
            {
                error = $"accounts[{i}].account must be platform:name (e.g. x:ContosoCoffee), not '{account.Account}'";
                return false;
            }
            if (string.IsNullOrWhiteSpace(account.PlatformUserId))
            {
                error = $"accounts[{i}].platformUserId is required (the platform's id for {id})";
                return false;
            }
            accounts.Add(new BrandAccount(id, account.PlatformUserId, account.Handle));
        }
        BrandDirectory brands;
        try
        {
            brands = new BrandDirectory(accounts);
        }
        catch (ArgumentException e)
        {
            error = $"accounts: {e.Message.Split(" (Parameter")[0]}";
            return false;
        }

        var policy = SlaPolicy.Default;
        if (options.PolicyFile is { } policyFile)
        {
            if (!Cli.PolicyFile.TryLoad(Path.Combine(baseDirectory, policyFile), out policy, out var policyError))
            {
                error = $"policyFile: {policyError}";
                return false;
            }
        }
        else if (inlinePolicy is not null && !SlaPolicyParser.TryParse(inlinePolicy, out policy, out var reason))
        {
            error = $"policy: {reason}";
            return false;
        }

        var generic = new Dictionary<string, GenericSourceSettings>(StringComparer.Ordinal);
        for (var i = 0; i < options.GenericSources.Count; i++)
        {
            var source = options.GenericSources[i];
            if (string.IsNullOrWhiteSpace(source.Name) || !source.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                error = $"genericSources[{i}].name must be letters, digits, '-' or '_'";
                return false;
            }
            if (source.Secrets.Count == 0 || source.Secrets.Any(string.IsNullOrEmpty))
            {
                error = $"genericSources[{i}].secrets needs at least one non-empty secret";
                return false;
            }
            if (!GenericSignatureSchemeNames.TryParse(source.Scheme, out _))
            {
                error = $"genericSources[{i}].scheme must be one of {string.Join(", ", GenericSignatureSchemeNames.All)}, not '{source.Scheme}'";
                return false;
            }
            PlatformAccountId? account = null;
            if (source.Account is { } accountText)
            {
                if (!PlatformAccountId.TryParse(accountText, out var parsed))
                {
                    error = $"genericSources[{i}].account must be platform:name, not '{accountText}'";
                    return false;
                }
                account = parsed;
            }
            if (source.ToleranceSeconds is < 1 or > 86_400)
            {
                error = $"genericSources[{i}].toleranceSeconds must be between 1 and 86400";
                return false;
            }
            if (!generic.TryAdd(source.Name, new GenericSourceSettings(source.Name, source.Scheme, source.Secrets, account, Duration.FromSeconds(source.ToleranceSeconds))))
            {
                error = $"genericSources[{i}].name '{source.Name}' is configured twice";
                return false;
            }
        }

        var tokens = new List<ApiToken>();
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            var role = ApiRoleNames.Parse(token.Role ?? "");
            if (role == 0)
            {
                error = $"tokens[{i}].role must be read, agent or admin";
                return false;
            }
            byte[] hash;
            try
            {
                hash = Convert.FromHexString(token.Sha256 ?? "");
            }
            catch (FormatException)
            {
                hash = [];
            }
            if (hash.Length != 32)
            {
                error = $"tokens[{i}].sha256 must be the 64 hex digits of the token's SHA-256 (socialsla token makes one)";
                return false;
            }
            tokens.Add(new ApiToken(string.IsNullOrWhiteSpace(token.Name) ? $"token{i}" : token.Name, role, hash));
        }

        var routes = new List<(HashSet<Core.Alerts.AlertKind> Kinds, HashSet<PlatformAccountId> Accounts)>();
        for (var i = 0; i < options.Sinks.Count; i++)
        {
            var sink = options.Sinks[i];
            var problem = (sink.Type ?? "").ToLowerInvariant() switch
            {
                "console" => null,
                "jsonl" => string.IsNullOrWhiteSpace(sink.Path) ? "path is required for a jsonl sink" : null,
                "webhook" => !Uri.TryCreate(sink.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") ? "url must be an absolute http(s) URL"
                    : string.IsNullOrEmpty(sink.Secret) ? "secret is required for a webhook sink (receivers verify it)"
                    : !Core.Webhooks.StandardWebhooksSignature.IsValidSecret(sink.Secret) ? "secret must be whsec_ followed by base64" : null,
                "teams" or "slack" => !Uri.TryCreate(sink.Url, UriKind.Absolute, out var hook) || hook.Scheme is not ("http" or "https") ? "url must be an absolute http(s) URL" : null,
                "pagerduty" => string.IsNullOrWhiteSpace(sink.RoutingKey) ? "routingKey is required for a pagerduty sink"
                    : sink.Url is not null && !Uri.TryCreate(sink.Url, UriKind.Absolute, out _) ? "url must be an absolute URL" : null,
                _ => "type must be console, jsonl, webhook, teams, slack or pagerduty",
            };
            if (problem is null && sink.TimeoutSeconds is < 1 or > 300) problem = "timeoutSeconds must be between 1 and 300";
            if (problem is not null)
            {
                error = $"sinks[{i}]: {problem}";
                return false;
            }
            var kinds = new HashSet<Core.Alerts.AlertKind>();
            foreach (var level in sink.Levels)
            {
                if (!Core.Alerts.AlertRoute.TryParseKind(level, out var kind))
                {
                    error = $"sinks[{i}].levels: '{level}' is not warning, atRisk, breached, replyWindowClosing, volumeSpike or negativeSurge";
                    return false;
                }
                kinds.Add(kind);
            }
            var sinkAccounts = new HashSet<PlatformAccountId>();
            foreach (var accountText in sink.Accounts)
            {
                if (!PlatformAccountId.TryParse(accountText, out var account))
                {
                    error = $"sinks[{i}].accounts: '{accountText}' is not platform:name";
                    return false;
                }
                sinkAccounts.Add(account);
            }
            routes.Add((kinds, sinkAccounts));
        }
        var sinkNames = Engine.AlertSinkNames.Of(options.Sinks);
        var alertRoutes = routes.Select((route, i) => new Core.Alerts.AlertRoute(sinkNames[i], route.Kinds, route.Accounts)).ToList();
        if (!EscalationConfig.TryCreate(options.Escalation, options.Rosters, sinkNames, out var ladder, out var rosters, out error)) return false;
        if (!StormConfig.TryCreate(options.Storm, out var storm, out error)) return false;
        if (options.EnvelopeRetentionDays is < 0 or > 3650)
        {
            error = "envelopeRetentionDays must be between 0 (keep for ever) and 3650";
            return false;
        }
        WebhookRateLimit? rateLimit = null;
        if (options.WebhookRateLimit is { } limit)
        {
            var burst = limit.Burst ?? Math.Max(1, limit.PerSecond);
            if (limit.PerSecond is <= 0 or > 1_000_000 || double.IsNaN(limit.PerSecond) || burst is < 1 or > 10_000_000 || double.IsNaN(burst))
            {
                error = "webhookRateLimit: perSecond must be in (0, 1000000] and burst in [1, 10000000]";
                return false;
            }
            rateLimit = new WebhookRateLimit(limit.PerSecond, burst);
        }
        var pulls = new List<Pulls.PullJob>();
        for (var i = 0; i < options.Pulls.Count; i++)
        {
            if (!PullConfig.TryCreate(options.Pulls[i], out var job, out var problem))
            {
                error = $"pulls[{i}]: {problem}";
                return false;
            }
            if (pulls.Any(p => p.Source.Name == job.Source.Name))
            {
                error = $"pulls[{i}].name '{job.Source.Name}' is configured twice";
                return false;
            }
            pulls.Add(job);
        }
        Uri? publicUrl = null;
        if (options.PublicUrl is not null && (!Uri.TryCreate(options.PublicUrl.EndsWith('/') ? options.PublicUrl : options.PublicUrl + "/", UriKind.Absolute, out publicUrl) || publicUrl.Scheme is not ("http" or "https")))
        {
            error = "publicUrl must be an absolute http(s) URL";
            return false;
        }
        if (string.IsNullOrWhiteSpace(options.Database))
        {
            error = "database is required (the SQLite file, relative to the configuration file)";
            return false;
        }
        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            error = "maxBodyBytes must be between 1024 and 67108864";
            return false;
        }
        if (options.StorageBusyTimeoutSeconds is < 1 or > 600)
        {
            error = "storageBusyTimeoutSeconds must be between 1 and 600";
            return false;
        }

        if (!TryCreateSpikes(options.Spikes, out var spikes, out error)) return false;

        settings = new ServerSettings
        {
            DatabasePath = Path.Combine(baseDirectory, options.Database),
            Brands = brands,
            Policy = policy,
            MetaAppSecrets = options.Meta.AppSecrets.Where(s => !string.IsNullOrEmpty(s)).ToArray(),
            MetaVerifyToken = options.Meta.VerifyToken,
            XConsumerSecrets = options.X.ConsumerSecrets.Where(s => !string.IsNullOrEmpty(s)).ToArray(),
            GenericSources = generic,
            Tokens = tokens,
            Sinks = options.Sinks,
            AlertRoutes = alertRoutes,
            Ladder = ladder,
            Rosters = rosters,
            Storm = storm,
            PagerDutySinks = sinkNames.Where((_, i) => options.Sinks[i].Type.Equals("pagerduty", StringComparison.OrdinalIgnoreCase)).ToArray(),
            WebhookRateLimit = rateLimit,
            EnvelopeRetention = options.EnvelopeRetentionDays == 0 ? null : Duration.FromDays(options.EnvelopeRetentionDays),
            MaxBodyBytes = options.MaxBodyBytes,
            StorageBusyTimeout = TimeSpan.FromSeconds(options.StorageBusyTimeoutSeconds),
            PiiMasking = options.MaskPii ? Core.Privacy.PiiKinds.All : Core.Privacy.PiiKinds.None,
            Pulls = pulls,
            PublicUrl = publicUrl,
            Spikes = spikes,
            BaseDirectory = baseDirectory,
        };
        error = null;
        return true;
    }

    private static bool TryCreateSpikes(SpikeDetectionOptions? options, out Core.Spikes.SpikeOptions? spikes, [NotNullWhen(false)] out string? error)
    {
        (spikes, error) = (null, null);
        if (options is null) return TryCreateSpikes(new SpikeDetectionOptions(), out spikes, out error);
        if (!options.Enabled) return true;
        if (NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.Zone ?? "") is not { } zone)
        {
            error = $"spikes.zone: '{options.Zone}' is not a tzdb time zone id (e.g. Europe/Berlin)";
            return false;
        }
        var defaults = Core.Spikes.SpikeOptions.Default;
        var candidate = defaults with
        {
            Zone = zone,
            WindowMinutes = options.WindowMinutes ?? defaults.WindowMinutes,
            MinimumCount = options.MinimumCount ?? defaults.MinimumCount,
            MinimumRatio = options.MinimumRatio ?? defaults.MinimumRatio,
            ResolveMinutes = options.ResolveMinutes ?? defaults.ResolveMinutes,
            MinimumNegativeShareRise = options.MinimumNegativeShareRise ?? defaults.MinimumNegativeShareRise,
        };
        try
        {
            candidate.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            error = $"spikes.{char.ToLowerInvariant(e.ParamName![0])}{e.ParamName[1..]} must be {e.Message.Split(" (Parameter")[0].Split(Environment.NewLine)[0]}";
            return false;
        }
        spikes = candidate;
        return true;
    }
}
