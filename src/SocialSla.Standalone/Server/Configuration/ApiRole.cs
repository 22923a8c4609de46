namespace SocialSla.Standalone.Server.Configuration;

/// <summary>What an API token may do.</summary>
internal enum ApiRole
{
    /// <summary>Read cases, alerts and KPIs.</summary>
    Read = 1,

    /// <summary>Also acknowledge alerts and resolve cases.</summary>
    Agent,
}
