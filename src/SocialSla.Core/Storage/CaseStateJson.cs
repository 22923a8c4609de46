using System.Text.Json;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Storage;

/// <summary>The stored form of a <see cref="CaseState"/>: compact JSON that hosts keep between steps (a SQLite row, a
/// Durable orchestration's input).</summary>
/// <remarks>The SLA terms are not stored: they follow from the case's facts under the policy in force when the state
/// is read, so a policy change applies to live cases. Instants are kept to the nanosecond (see
/// <see cref="InstantNanos"/>).</remarks>
public static class CaseStateJson
{
    private const int Version = 1;

    /// <summary>Writes <paramref name="state"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(state);
        writer.WriteStartObject();
        writer.WriteNumber("v", Version);
        writer.WriteString("id", state.Id.Value);
        writer.WriteString("account", state.Account.ToString());
        writer.WriteNumber("channel", (int)state.Channel);
        writer.WriteNumber("priority", (int)state.Priority);
        writer.WriteNumber("status", (int)state.Status);
        writer.WriteStartArray("timeline");
        foreach (var entry in state.Timeline)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(InstantNanos.ToNanos(entry.At));
            writer.WriteNumberValue((int)entry.Kind);
            writer.WriteBooleanValue(entry.Actionable);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("fired");
        foreach (var key in state.Fired)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue((int)key.Clock);
            writer.WriteNumberValue(key.Sequence);
            writer.WriteNumberValue((int)key.Level);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        WriteContribution(writer, state.Contribution);
        WriteInstant(writer, "contributionHour", state.ContributionHour);
        writer.WriteNumber("contributionPriority", (int)state.ContributionPriority);
        if (state.ContributionQueue is { } contributionQueue) writer.WriteString("contributionQueue", contributionQueue);
        if (state.ContributionTags is { } contributionTags) writer.WriteString("contributionTags", contributionTags);
        WriteInstant(writer, "closedAt", state.ClosedAt);
        WriteInstant(writer, "touchedAt", state.TouchedAt);
        WriteInstant(writer, "nextWakeUp", state.NextWakeUp);
        if (state.CustomerHandle is { } handle) writer.WriteString("handle", handle);
        if (state.Link is { } link) writer.WriteString("link", link);
        writer.WriteString("excerpt", state.Excerpt);
        if (state.Tags.Length > 0)
        {
            writer.WriteStartArray("tags");
            foreach (var tag in state.Tags) writer.WriteStringValue(tag);
            writer.WriteEndArray();
        }
        if (state.Queue is { } queue) writer.WriteString("queue", queue);
        if (state.Sentiment.Count > 0)
        {
            // [first score, first label, last score, last label, count]
            writer.WriteStartArray("sentiment");
            writer.WriteNumberValue(state.Sentiment.First.Score);
            writer.WriteNumberValue((int)state.Sentiment.First.Label);
            writer.WriteNumberValue(state.Sentiment.Last.Score);
            writer.WriteNumberValue((int)state.Sentiment.Last.Label);
            writer.WriteNumberValue(state.Sentiment.Count);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>The stored form of <paramref name="state"/> as UTF-8 bytes.</summary>
    public static byte[] ToUtf8(CaseState state)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, state);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a state written by <see cref="Write"/>, deriving its terms from <paramref name="policy"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a stored case state.</exception>
    public static CaseState Read(ReadOnlySpan<byte> utf8, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            return Read(document.RootElement, policy);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"Not a stored case state: {e.Message}", e);
        }
    }

    private static CaseState Read(JsonElement root, SlaPolicy policy)
    {
        if (root.GetProperty("v").GetInt32() != Version) throw new FormatException("Unknown case state version.");
        var account = PlatformAccountId.Parse(root.GetProperty("account").GetString()!);
        var channel = (Channel)root.GetProperty("channel").GetInt32();
        var priority = (Priority)root.GetProperty("priority").GetInt32();
        var timeline = new TimelineEntry[root.GetProperty("timeline").GetArrayLength()];
        var i = 0;
        foreach (var entry in root.GetProperty("timeline").EnumerateArray())
            timeline[i++] = new TimelineEntry(InstantNanos.FromNanos(entry[0].GetInt64()), (TimelineEntryKind)entry[1].GetInt32(), entry[2].GetBoolean());
        var fired = new AlertKey[root.GetProperty("fired").GetArrayLength()];
        i = 0;
        foreach (var key in root.GetProperty("fired").EnumerateArray())
            fired[i++] = new AlertKey((ClockKind)key[0].GetInt32(), key[1].GetInt32(), (ThresholdLevel)key[2].GetInt32());
        var facts = new CaseFacts(account, channel, priority);
        return new CaseState
        {
            Id = new CaseId(root.GetProperty("id").GetString()!),
            Account = account,
            Channel = channel,
            Priority = priority,
            Terms = policy.TermsFor(facts),
            Status = (CaseStatus)root.GetProperty("status").GetInt32(),
            Timeline = timeline,
            Fired = fired,
            Contribution = ReadContribution(root.GetProperty("contribution")),
            ContributionHour = ReadInstant(root, "contributionHour"),
            ContributionPriority = (Priority)root.GetProperty("contributionPriority").GetInt32(),
            ContributionQueue = root.TryGetProperty("contributionQueue", out var contributionQueue) ? contributionQueue.GetString() : null,
            ContributionTags = root.TryGetProperty("contributionTags", out var contributionTags) ? contributionTags.GetString() : null,
            ClosedAt = ReadInstant(root, "closedAt"),
            TouchedAt = ReadInstant(root, "touchedAt"),
            NextWakeUp = ReadInstant(root, "nextWakeUp"),
            CustomerHandle = root.TryGetProperty("handle", out var handle) ? handle.GetString() : null,
            Link = root.TryGetProperty("link", out var link) ? link.GetString() : null,
            Excerpt = root.GetProperty("excerpt").GetString() ?? "",
            Tags = root.TryGetProperty("tags", out var tags) ? [.. tags.EnumerateArray().Select(t => t.GetString() ?? "")] : [],
            Queue = root.TryGetProperty("queue", out var queue) ? queue.GetString() : null,
            Sentiment = root.TryGetProperty("sentiment", out var sentiment)
                ? new Triage.CaseSentimentTrack(
                    new Triage.SentimentScore(sentiment[0].GetSingle(), (Triage.SentimentLabel)sentiment[1].GetInt32()),
                    new Triage.SentimentScore(sentiment[2].GetSingle(), (Triage.SentimentLabel)sentiment[3].GetInt32()),
                    sentiment[4].GetInt32())
                : default,
        };
    }

    private static void WriteContribution(Utf8JsonWriter writer, CaseKpiContribution contribution)
    {
        writer.WriteStartObject("contribution");
        if (contribution.Opened)
        {
            writer.WriteBoolean("opened", true);
            writer.WriteNumber("reopens", contribution.Reopens);
            writer.WriteBoolean("resolved", contribution.Resolved);
            writer.WriteBoolean("answered", contribution.Answered);
            WriteDuration(writer, "firstReply", contribution.FirstReply);
            WriteDuration(writer, "resolution", contribution.Resolution);
            writer.WriteStartArray("responses");
            foreach (var response in contribution.Responses) writer.WriteNumberValue(response.ToInt64Nanoseconds());
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static CaseKpiContribution ReadContribution(JsonElement element)
    {
        if (!element.TryGetProperty("opened", out var opened) || !opened.GetBoolean()) return CaseKpiContribution.None;
        var responses = new Duration[element.GetProperty("responses").GetArrayLength()];
        var i = 0;
        foreach (var response in element.GetProperty("responses").EnumerateArray()) responses[i++] = Duration.FromNanoseconds(response.GetInt64());
        return new CaseKpiContribution
        {
            Opened = true,
            Reopens = element.GetProperty("reopens").GetInt32(),
            Resolved = element.GetProperty("resolved").GetBoolean(),
            Answered = element.GetProperty("answered").GetBoolean(),
            FirstReply = element.TryGetProperty("firstReply", out var first) ? Duration.FromNanoseconds(first.GetInt64()) : null,
            Resolution = element.TryGetProperty("resolution", out var resolution) ? Duration.FromNanoseconds(resolution.GetInt64()) : null,
            Responses = responses,
        };
    }

    private static void WriteInstant(Utf8JsonWriter writer, string name, Instant? value)
    {
        if (value is { } instant) writer.WriteNumber(name, InstantNanos.ToNanos(instant));
    }

    private static Instant? ReadInstant(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? InstantNanos.FromNanos(value.GetInt64()) : null;

    private static void WriteDuration(Utf8JsonWriter writer, string name, Duration? value)
    {
        if (value is { } duration) writer.WriteNumber(name, duration.ToInt64Nanoseconds());
    }
}
