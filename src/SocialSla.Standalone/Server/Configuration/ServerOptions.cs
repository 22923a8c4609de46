namespace SocialSla.Standalone.Server.Configuration;

/// <summary>The server's configuration file (JSON), bound before environment overrides are applied
/// (<c>SOCIALSLA_</c> prefix, <c>__</c> between levels: <c>SOCIALSLA_META__APPSECRETS__0</c>).</summary>
internal sealed class ServerOptions
{
    /// <summary>The SQLite file holding all state (relative to the configuration file).</summary>
    public string Database { get; set; } = "socialsla.db";

    /// <summary>The brand accounts served.</summary>
    public List<AccountOptions> Accounts { get; set; } = [];

    /// <summary>Meta app secrets and the webhook verify token.</summary>
    public MetaOptions Meta { get; set; } = new();

    /// <summary>X consumer secrets.</summary>
    public XOptions X { get; set; } = new();

    /// <summary>Helpdesk forwarders posting to <c>/api/webhooks/generic/{name}</c>.</summary>
    public List<GenericSourceOptions> GenericSources { get; set; } = [];

    /// <summary>A policy file (the format <c>replay --policy</c> reads), relative to the configuration file; the
    /// configuration may instead hold the policy inline as <c>policy</c>.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>API bearer tokens, stored as SHA-256 hashes.</summary>
    public List<TokenOptions> Tokens { get; set; } = [];

    /// <summary>Where alerts go.</summary>
    public List<SinkOptions> Sinks { get; set; } = [];

    /// <summary>The on-call ladder: how long an unacknowledged alert waits before reaching the next level's sinks.</summary>
    public EscalationOptions? Escalation { get; set; }

    /// <summary>Sinks with on-duty hours (quiet hours outside them; breaches always go).</summary>
    public List<RosterOptions> Rosters { get; set; } = [];

    /// <summary>Storm control: many alerts of one account at once reach each sink as one grouped incident.</summary>
    public StormConfigOptions? Storm { get; set; }

    /// <summary>Days a raw envelope (webhook body, pulled page) is kept after it was processed; 0: for ever.</summary>
    public int EnvelopeRetentionDays { get; set; } = 7;

    /// <summary>Requests per second (and burst) each webhook source may send; none: unlimited.</summary>
    public RateLimitOptions? WebhookRateLimit { get; set; }

    /// <summary>Sources polled on a schedule.</summary>
    public List<PullOptions> Pulls { get; set; } = [];

    /// <summary>The server's address as people reach it (e.g. <c>https://sla.example.com/</c>): alert cards link to the
    /// case, acknowledge and resolve pages under it.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The largest webhook body accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a write waits for another connection's lock on a SQLite file before it gives up, in seconds
    /// (default 30): a webhook is then refused with 503 and <c>Retry-After</c>, an engine batch is retried.</summary>
    public int StorageBusyTimeoutSeconds { get; set; } = 30;

    /// <summary>Whether e-mail addresses, phone numbers and payment card numbers in message text are masked before the
    /// engine stores the text or puts an excerpt in an alert (default <see langword="true"/>).</summary>
    public bool MaskPii { get; set; } = true;

    /// <summary>Spike and surge alerts per account and channel (on by default).</summary>
    public SpikeDetectionOptions Spikes { get; set; } = new();
}

/// <summary>Spike and surge detection (<c>spikes</c>): mention volume and negative share per account and channel
/// against a baseline for that hour of the week. Unset numbers keep the defaults of <c>SocialSla.Core.Spikes.SpikeOptions</c>.</summary>
internal sealed class SpikeDetectionOptions
{
    /// <summary>Whether spikes are detected and alerted on (default <see langword="true"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The tzdb zone whose hours of the week the baseline follows (default <c>UTC</c>).</summary>
    public string Zone { get; set; } = "UTC";

    /// <summary>The sliding window, in minutes (default 2).</summary>
    public int? WindowMinutes { get; set; }

    /// <summary>The fewest mentions in a window that can be a spike (default 10).</summary>
    public int? MinimumCount { get; set; }

    /// <summary>The multiple of the expected count a window must reach (default 2.5).</summary>
    public double? MinimumRatio { get; set; }

    /// <summary>Quiet minutes that end a spike (default 10).</summary>
    public int? ResolveMinutes { get; set; }

    /// <summary>How far the negative share must rise above its usual level for a surge (default 0.25).</summary>
    public double? MinimumNegativeShareRise { get; set; }
}

/// <summary>One brand account.</summary>
internal sealed class AccountOptions
{
    /// <summary>The account as cases and KPIs name it: <c>platform:name</c>, e.g. <c>x:ContosoCoffee</c>.</summary>
    public string Account { get; set; } = "";

    /// <summary>The platform's id for the account (X user id, Page id, Instagram account id, channel id).</summary>
    public string PlatformUserId { get; set; } = "";

    /// <summary>The public handle, when known.</summary>
    public string? Handle { get; set; }
}

/// <summary>Meta webhook settings.</summary>
internal sealed class MetaOptions
{
    /// <summary>App secrets that sign deliveries: the current one first, the previous one during a rotation.</summary>
    public List<string> AppSecrets { get; set; } = [];

    /// <summary>The token Meta echoes in the subscription handshake.</summary>
    public string? VerifyToken { get; set; }
}

/// <summary>X webhook settings.</summary>
internal sealed class XOptions
{
    /// <summary>Consumer secrets that sign deliveries and answer CRC checks (the first answers CRC).</summary>
    public List<string> ConsumerSecrets { get; set; } = [];
}

/// <summary>One generic (helpdesk or relay) webhook source.</summary>
internal sealed class GenericSourceOptions
{
    /// <summary>The route name: <c>/api/webhooks/generic/{name}</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The signature scheme: <c>standard-webhooks</c> (default), <c>stripe</c>, <c>github</c>, <c>slack</c> or <c>zendesk</c>.</summary>
    public string Scheme { get; set; } = "standard-webhooks";

    /// <summary>Signing secrets: the current one first, the previous one during a rotation.</summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>The brand account helpdesk events are for, as <c>platform:name</c>.</summary>
    public string? Account { get; set; }

    /// <summary>How far a signed timestamp may be from now, in seconds.</summary>
    public int ToleranceSeconds { get; set; } = 300;
}

/// <summary>One API token.</summary>
internal sealed class TokenOptions
{
    /// <summary>Who holds it (shown in the audit of acknowledgements and resolutions).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>read</c> or <c>agent</c> (may acknowledge and resolve).</summary>
    public string Role { get; set; } = "read";

    /// <summary>The lowercase hex SHA-256 of the token (<c>socialsla token</c> makes both).</summary>
    public string Sha256 { get; set; } = "";
}

/// <summary>One alert sink.</summary>
internal sealed class SinkOptions
{
    /// <summary><c>console</c>, <c>jsonl</c>, <c>webhook</c>, <c>teams</c>, <c>slack</c> or <c>pagerduty</c>.</summary>
    public string Type { get; set; } = "console";

    /// <summary>The name deliveries are recorded under (defaults to the type).</summary>
    public string? Name { get; set; }

    /// <summary>For <c>jsonl</c>: the file alerts are appended to (relative to the configuration file).</summary>
    public string? Path { get; set; }

    /// <summary>For <c>webhook</c>, <c>teams</c> (the workflow's URL) and <c>slack</c> (the incoming webhook): where alerts
    /// are posted; for <c>pagerduty</c>, a replacement for the Events API endpoint (proxies, tests).</summary>
    public string? Url { get; set; }

    /// <summary>For <c>webhook</c>: the Standard Webhooks secret (<c>whsec_…</c>) that signs each post.</summary>
    public string? Secret { get; set; }

    /// <summary>For <c>pagerduty</c>: the service integration's routing key.</summary>
    public string? RoutingKey { get; set; }

    /// <summary>The alert kinds this sink takes (<c>warning</c>, <c>atRisk</c>, <c>breached</c>,
    /// <c>replyWindowClosing</c>); empty: all.</summary>
    public List<string> Levels { get; set; } = [];

    /// <summary>The accounts (<c>platform:name</c>) whose alerts this sink takes; empty: all.</summary>
    public List<string> Accounts { get; set; } = [];

    /// <summary>How long one delivery attempt may take before it counts as failed and is retried, in seconds
    /// (default 10).</summary>
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>One pull source, polled on its own interval.</summary>
internal sealed class PullOptions
{
    /// <summary>The source's name (its cursor is stored under it).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>rss</c> (RSS 2.0 or Atom), <c>x</c> (X recent search), <c>reddit</c> or <c>youtube</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The brand account the mentions are for, as <c>platform:name</c>.</summary>
    public string Account { get; set; } = "";

    /// <summary>For <c>rss</c>: the feed URL. For the others: a base URL replacing the platform's (proxies, tests).</summary>
    public string? Url { get; set; }

    /// <summary>For <c>x</c> and <c>reddit</c>: the search query.</summary>
    public string? Query { get; set; }

    /// <summary>For <c>reddit</c>: the subreddit.</summary>
    public string? Subreddit { get; set; }

    /// <summary>For <c>youtube</c>: a video id (else the channel's comment threads).</summary>
    public string? VideoId { get; set; }

    /// <summary>The brand's own id on the platform (X user id, Reddit user, YouTube channel id): its posts are brand replies.</summary>
    public string? BrandId { get; set; }

    /// <summary>For <c>x</c>: the brand's handle.</summary>
    public string? BrandHandle { get; set; }

    /// <summary>For <c>rss</c>: <c>post</c> (default) or <c>review</c>.</summary>
    public string? Channel { get; set; }

    /// <summary>Seconds between polls (default 300).</summary>
    public int IntervalSeconds { get; set; } = 300;

    /// <summary>The bearer token (X, Reddit) or API key (YouTube); never logged or shown.</summary>
    public string? Credential { get; set; }
}

/// <summary>A per-source request limit: <see cref="PerSecond"/> sustained, <see cref="Burst"/> at once.</summary>
internal sealed class RateLimitOptions
{
    public double PerSecond { get; set; }

    /// <summary>Requests allowed at once (default: one second's worth, at least 1).</summary>
    public double? Burst { get; set; }
}
