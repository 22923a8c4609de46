using System.Buffers;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Alerts;

/// <summary>When a case's PagerDuty incidents (one per clock run, <see cref="PagerDutyEventPayload.DedupKey"/>) are
/// resolved: once the clock run has stopped, by a brand reply or by the case being resolved or closed.</summary>
public static class PagerDutyLifecycle
{
    /// <summary>The incidents, of <paramref name="paged"/>, whose clock run of <paramref name="state"/> has stopped by
    /// <paramref name="now"/>; all of them when the case no longer exists (merged or archived).</summary>
    /// <param name="caseId">The case the incidents belong to.</param>
    /// <param name="state">The case now, or <see langword="null"/> when it is gone.</param>
    /// <param name="policy">The SLA policy (for the clocks).</param>
    /// <param name="now">The instant the clocks are judged at.</param>
    /// <param name="paged">Dedup keys of the case's incidents that were triggered and not resolved yet.</param>
    /// <remarks>A key of a run the case no longer shows is kept (nothing says it stopped), unless the case is
    /// resolved or closed.</remarks>
    public static IReadOnlyList<string> ToResolve(CaseId caseId, CaseState? state, SlaPolicy policy, Instant now, IReadOnlyCollection<string> paged)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(paged);
        if (paged.Count == 0) return [];
        if (state is null || state.Status is CaseStatus.Resolved or CaseStatus.Closed) return [.. paged];
        var result = new List<string>();
        foreach (var clock in CaseClocks.Describe(state, policy, now))
        {
            if (clock.StoppedAt is not { } stopped || stopped > now) continue;
            var key = PagerDutyEventPayload.DedupKey(new AlertId(caseId, new AlertKey(clock.Kind, clock.Sequence, ThresholdLevel.Breached)));
            if (paged.Contains(key) && !result.Contains(key)) result.Add(key);
        }
        return result;
    }

    /// <summary>The Events API v2 body that acknowledges or resolves the incident <paramref name="dedupKey"/> (no
    /// <c>payload</c>: PagerDuty takes none for these actions).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="action"/> is not acknowledge or resolve.</exception>
    public static byte[] Build(string dedupKey, PagerDutyAction action, string routingKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(routingKey);
        var name = action switch
        {
            PagerDutyAction.Acknowledge => "acknowledge",
            PagerDutyAction.Resolve => "resolve",
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Only acknowledge and resolve follow a trigger."),
        };
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("routing_key", routingKey);
            json.WriteString("event_action", name);
            json.WriteString("dedup_key", dedupKey.Length <= 255 ? dedupKey : dedupKey[..255]);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
