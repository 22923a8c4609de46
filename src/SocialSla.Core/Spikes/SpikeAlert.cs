using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Spikes;

/// <summary>A spike or surge alert ("widespread issue"): not about a case but about an account's channel, announcing
/// that a spike started or ended, with the baseline it was measured against.</summary>
/// <remarks>Immutable. Rates are mentions per minute over the detector's window; shares are in [0, 1].</remarks>
public sealed record SpikeAlert
{
    /// <summary>The alert's identity (one per spike start and one per spike end, ever).</summary>
    public required SpikeAlertId Id { get; init; }

    /// <summary>The stream.</summary>
    public SpikeStream Stream => Id.Stream;

    /// <summary>The brand account.</summary>
    public PlatformAccountId Account => Id.Stream.Account;

    /// <summary>The channel.</summary>
    public Channel Channel => Id.Stream.Channel;

    /// <summary>What rose.</summary>
    public SpikeKind Spike => Id.Kind;

    /// <summary>The alert kind it is routed as: <see cref="AlertKind.VolumeSpike"/> or <see cref="AlertKind.NegativeSurge"/>.</summary>
    public AlertKind Kind => Id.Kind == SpikeKind.Volume ? AlertKind.VolumeSpike : AlertKind.NegativeSurge;

    /// <summary>Whether the alert announces the start or the end.</summary>
    public SpikePhase Phase => Id.Phase;

    /// <summary>When the spike started.</summary>
    public Instant StartedAt => Id.StartedAt;

    /// <summary>When it ended, on a <see cref="SpikePhase.Resolved"/> alert.</summary>
    public Instant? ResolvedAt { get; init; }

    /// <summary>When the alert was raised (the minute boundary whose evaluation decided it).</summary>
    public required Instant RaisedAt { get; init; }

    /// <summary>Mentions per minute the baseline expects for this hour of the week; <see langword="null"/> while learning.</summary>
    public double? BaselinePerMinute { get; init; }

    /// <summary>Mentions per minute in the window that decided it.</summary>
    public required double CurrentPerMinute { get; init; }

    /// <summary>The usual share of negative mentions, when known.</summary>
    public double? BaselineNegativeShare { get; init; }

    /// <summary>The share of negative mentions in the window, when it held any.</summary>
    public double? CurrentNegativeShare { get; init; }

    /// <summary>The spike's count in the window (mentions, or negative mentions for a surge).</summary>
    public required long WindowCount { get; init; }

    /// <summary>What the baseline expected for that count.</summary>
    public required double Expected { get; init; }
}
