using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Standalone.Server.Configuration;

/// <summary>The validated configuration the server runs with.</summary>
internal sealed record ServerSettings
{
    public required string DatabasePath { get; init; }

    public required BrandDirectory Brands { get; init; }

    public required SlaPolicy Policy { get; init; }

    public IReadOnlyList<string> MetaAppSecrets { get; init; } = [];

    public string? MetaVerifyToken { get; init; }

    public IReadOnlyList<string> XConsumerSecrets { get; init; } = [];

    public IReadOnlyDictionary<string, GenericSourceSettings> GenericSources { get; init; } = new Dictionary<string, GenericSourceSettings>();

    public IReadOnlyList<ApiToken> Tokens { get; init; } = [];

    public IReadOnlyList<SinkOptions> Sinks { get; init; } = [];

    /// <summary>Which alerts each sink takes, by sink name, in the order of <see cref="Sinks"/>.</summary>
    public IReadOnlyList<Core.Alerts.AlertRoute> AlertRoutes { get; init; } = [];

    /// <summary>The on-call ladder (none: alerts go only to their own level's sinks).</summary>
    public Core.Alerts.Escalation.EscalationLadder Ladder { get; init; } = Core.Alerts.Escalation.EscalationLadder.None;

    /// <summary>Sinks with on-duty hours.</summary>
    public IReadOnlyList<Core.Alerts.Escalation.Roster> Rosters { get; init; } = [];

    /// <summary>Storm control (<see langword="null"/>: off, every alert goes on its own).</summary>
    public Core.Alerts.Storms.StormOptions? Storm { get; init; } = Core.Alerts.Storms.StormOptions.Default;

    /// <summary>The names of the PagerDuty sinks (their incidents are acknowledged and resolved).</summary>
    public IReadOnlyList<string> PagerDutySinks { get; init; } = [];

    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>How long a write waits for another connection's lock on a SQLite file before it fails
    /// (<c>storageBusyTimeoutSeconds</c>): a webhook is then refused with 503, an engine batch retried.</summary>
    public TimeSpan StorageBusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long processed raw envelopes are kept; <see langword="null"/>: for ever.</summary>
    public NodaTime.Duration? EnvelopeRetention { get; init; } = NodaTime.Duration.FromDays(7);

    /// <summary>The per-source webhook limit, if any.</summary>
    public WebhookRateLimit? WebhookRateLimit { get; init; }

    /// <summary>Triage of customer messages (noise, actionable, priority), when configured (<c>triage</c>).</summary>
    public Core.Triage.TriageOptions? Triage { get; init; }

    /// <summary>The personal data masked in message text before it is stored or alerted on (<c>maskPii</c>).</summary>
    public Core.Privacy.PiiKinds PiiMasking { get; init; } = Core.Privacy.PiiKinds.All;

    /// <summary>Where people reach the server (links in alert cards), if configured.</summary>
    public Uri? PublicUrl { get; init; }

    public IReadOnlyList<Pulls.PullJob> Pulls { get; init; } = [];

    /// <summary>Spike and surge detection per account and channel; <see langword="null"/> when turned off.</summary>
    public Core.Spikes.SpikeOptions? Spikes { get; init; } = Core.Spikes.SpikeOptions.Default;

    /// <summary>The folder relative paths in the configuration are resolved against.</summary>
    public required string BaseDirectory { get; init; }
}

/// <summary>A validated generic webhook source.</summary>
internal sealed record GenericSourceSettings(string Name, string Scheme, IReadOnlyList<string> Secrets, PlatformAccountId? Account, NodaTime.Duration Tolerance);

/// <summary>A validated per-source webhook limit.</summary>
internal sealed record WebhookRateLimit(double PerSecond, double Burst);
