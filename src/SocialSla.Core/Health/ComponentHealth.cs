namespace SocialSla.Core.Health;

/// <summary>What <c>/healthz</c> says of a component or of the whole server.</summary>
public enum ComponentHealth
{
    /// <summary>Working.</summary>
    Ok,

    /// <summary>Partly working or catching up: it retries on its own and nothing acknowledged is at risk.</summary>
    Degraded,

    /// <summary>Not working: the server cannot do this component's job until the fault is gone.</summary>
    Failing,
}
