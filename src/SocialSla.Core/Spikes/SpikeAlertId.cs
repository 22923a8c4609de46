using System.Diagnostics.CodeAnalysis;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Spikes;

/// <summary>The identity of a spike alert: its stream, what rose, when the spike started and which end of it is
/// announced, written <c>spike/{account}/{channel}/{volume|negativeShare}/{startedAt}/{started|resolved}</c>.</summary>
/// <remarks>Deterministic, so the same spike evaluated again (a redelivery, a restart) gives the same id and the
/// outbox and receivers dedupe it. The start and the end of one spike share <see cref="IncidentKey"/>. The default value
/// is not valid.</remarks>
/// <param name="Stream">The account and channel.</param>
/// <param name="Kind">What rose.</param>
/// <param name="StartedAt">When the spike started (a minute boundary).</param>
/// <param name="Phase">Whether this alert announces the start or the end.</param>
public readonly record struct SpikeAlertId(SpikeStream Stream, SpikeKind Kind, Instant StartedAt, SpikePhase Phase)
{
    private const string Prefix = "spike/";

    /// <summary>The key shared by the start and the end of one spike (a PagerDuty incident's <c>dedup_key</c>).</summary>
    public string IncidentKey => $"{Prefix}{Stream}/{KindName(Kind)}/{InstantPattern.General.Format(StartedAt)}";

    /// <inheritdoc/>
    public override string ToString() => $"{IncidentKey}/{PhaseName(Phase)}";

    /// <summary>Whether <paramref name="text"/> names a spike alert rather than a case's alert.</summary>
    public static bool IsSpikeAlertId(string? text) => text is not null && text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Tries to parse the text form.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SpikeAlertId id)
    {
        id = default;
        if (!IsSpikeAlertId(text)) return false;
        var parts = text!.Split('/');
        if (parts.Length < 6) return false;
        var n = parts.Length;
        var phase = parts[n - 1] switch { "started" => SpikePhase.Started, "resolved" => SpikePhase.Resolved, _ => (SpikePhase)0 };
        if (phase == 0) return false;
        var started = InstantPattern.General.Parse(parts[n - 2]);
        if (!started.Success) return false;
        SpikeKind kind;
        if (parts[n - 3] == KindName(SpikeKind.Volume)) kind = SpikeKind.Volume;
        else if (parts[n - 3] == KindName(SpikeKind.NegativeShare)) kind = SpikeKind.NegativeShare;
        else return false;
        if (!ChannelNames.TryParse(parts[n - 4], out var channel)) return false;
        if (!PlatformAccountId.TryParse(string.Join('/', parts, 1, n - 5), out var account)) return false;
        id = new SpikeAlertId(new SpikeStream(account, channel), kind, started.Value, phase);
        return true;
    }

    /// <summary>The wire name of a spike kind (<c>volume</c>, <c>negativeShare</c>).</summary>
    public static string KindName(SpikeKind kind) => kind switch
    {
        SpikeKind.Volume => "volume",
        SpikeKind.NegativeShare => "negativeShare",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined spike kind."),
    };

    /// <summary>The wire name of a phase (<c>started</c>, <c>resolved</c>).</summary>
    public static string PhaseName(SpikePhase phase) => phase switch
    {
        SpikePhase.Started => "started",
        SpikePhase.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Not a defined phase."),
    };
}
