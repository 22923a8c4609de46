namespace SocialSla.Standalone.Server.Configuration;

/// <summary>What an API token may do; each role may do everything the roles before it may.</summary>
internal enum ApiRole
{
    /// <summary>Read cases, alerts and KPIs.</summary>
    Read = 1,

    /// <summary>Also acknowledge alerts and resolve cases.</summary>
    Agent,

    /// <summary>Also erase a customer's personal data and read the audit log: irreversible, and a data-protection
    /// duty rather than care work, so not every agent's.</summary>
    Admin,
}

/// <summary>The configuration and API names of <see cref="ApiRole"/> values.</summary>
internal static class ApiRoleNames
{
    /// <summary><c>read</c>, <c>agent</c> or <c>admin</c>.</summary>
    public static string Name(this ApiRole role) => role switch
    {
        ApiRole.Admin => "admin",
        ApiRole.Agent => "agent",
        _ => "read",
    };

    /// <summary>Parses a name, ignoring case; 0 when it names no role.</summary>
    public static ApiRole Parse(string name) => name.ToLowerInvariant() switch
    {
        "read" => ApiRole.Read,
        "agent" => ApiRole.Agent,
        "admin" => ApiRole.Admin,
        _ => 0,
    };
}
