namespace SocialSla.Core.Health;

/// <summary>The server's health from its components': what <c>/healthz</c> answers and whether a load balancer should
/// keep sending deliveries.</summary>
/// <remarks>Only storage decides whether deliveries are accepted: a failing inbox refuses every webhook (503), so the
/// server must say so to be taken out of rotation. A stalled engine (its commits fail), a failing sink or a pull that
/// backs off leave webhooks acknowledged and durable, so the server is degraded but keeps taking them: taking it out
/// would only move the backlog to the platforms' retries.</remarks>
public static class HealthVerdict
{
    /// <summary>The server's status.</summary>
    /// <param name="storageReadable">Whether the state and inbox files could be read just now.</param>
    /// <param name="inbox">The inbox's writes (webhook acknowledgements, pulled pages).</param>
    /// <param name="state">The engine's commits.</param>
    /// <param name="failingSinks">Sinks whose last delivery attempt failed.</param>
    /// <param name="failingPulls">Pull sources backing off after a failed run.</param>
    /// <returns>The overall status, and whether deliveries are accepted (<see cref="ComponentHealth.Failing"/> means
    /// they are not).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inbox"/> or <paramref name="state"/> is <see langword="null"/>.</exception>
    public static ComponentHealth Overall(bool storageReadable, WriteHealth inbox, WriteHealth state, int failingSinks, int failingPulls)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(state);
        if (!storageReadable || inbox.IsFailing) return ComponentHealth.Failing;
        return state.IsFailing || failingSinks > 0 || failingPulls > 0 ? ComponentHealth.Degraded : ComponentHealth.Ok;
    }

    /// <summary>The storage component's status: failing when it cannot be read or the inbox refuses writes, degraded
    /// when only the engine's commits fail (deliveries are still stored).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="inbox"/> or <paramref name="state"/> is <see langword="null"/>.</exception>
    public static ComponentHealth Storage(bool readable, WriteHealth inbox, WriteHealth state)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(state);
        if (!readable || inbox.IsFailing) return ComponentHealth.Failing;
        return state.IsFailing ? ComponentHealth.Degraded : ComponentHealth.Ok;
    }

    /// <summary>The name <c>/healthz</c> gives a status: <c>ok</c>, <c>degraded</c> or <c>failing</c>.</summary>
    public static string Name(ComponentHealth health) => health switch
    {
        ComponentHealth.Ok => "ok",
        ComponentHealth.Degraded => "degraded",
        _ => "failing",
    };
}
