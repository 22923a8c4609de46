using NodaTime;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>A delivery as it arrived, before any parsing: what the inbox stores so nothing acknowledged is lost.</summary>
/// <param name="Kind">Which parser reads it (see <see cref="EnvelopeKinds"/>).</param>
/// <param name="Source">The generic source or pull source it came from; empty for Meta and X.</param>
/// <param name="ReceivedAt">When the server received it.</param>
/// <param name="Body">The raw bytes (the exact bytes whose signature was checked).</param>
/// <param name="Decoded">What the route parsed from them, if it did (kept in memory only, see <see cref="DecodedEnvelopes"/>).</param>
internal sealed record Envelope(string Kind, string Source, Instant ReceivedAt, byte[] Body, SocialSla.Core.Ingestion.WebhookBatch? Decoded = null);

/// <summary>The envelope kinds.</summary>
internal static class EnvelopeKinds
{
    public const string Meta = "meta";
    public const string X = "x";
    public const string Generic = "generic";

    /// <summary>Mentions already normalised (a pull's page, demo traffic): JSONL mention lines.</summary>
    public const string Mentions = "mentions";
}
