using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Webhooks;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Engine;

/// <summary>Turns a stored envelope into mentions with the parser of its kind. The webhook endpoints run the same
/// decoding before they store an envelope, so a malformed body is refused with 400 and never reaches the inbox.</summary>
internal sealed class EnvelopeDecoder(ServerSettings settings)
{
    public bool TryDecode(string kind, string source, ReadOnlySpan<byte> body, NodaTime.Instant receivedAt,
        [NotNullWhen(true)] out WebhookBatch? batch, [NotNullWhen(false)] out string? error)
    {
        switch (kind)
        {
            case EnvelopeKinds.Mentions:
                // JSONL mention lines (a pull's page, written by JsonlMentionWriter): what the generic parser reads.
                return GenericWebhookParser.TryParse(body, settings.Brands, null, receivedAt, out batch, out error);
            case EnvelopeKinds.Meta:
                return MetaWebhookParser.TryParse(body, settings.Brands, receivedAt, out batch, out error);
            case EnvelopeKinds.X:
                return XWebhookParser.TryParse(body, settings.Brands, receivedAt, out batch, out error);
            case EnvelopeKinds.Generic when settings.GenericSources.TryGetValue(source, out var generic):
                return GenericWebhookParser.TryParse(body, settings.Brands, generic.Account, receivedAt, out batch, out error);
            default:
                batch = null;
                error = $"unknown envelope kind '{kind}'";
                return false;
        }
    }
}
