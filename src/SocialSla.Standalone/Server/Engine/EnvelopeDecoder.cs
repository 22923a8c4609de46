using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Import;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
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
                return TryJsonl(body, receivedAt, out batch, out error);
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

    /// <summary>JSONL mention lines; a mention for an account that is not configured is ignored.</summary>
    private bool TryJsonl(ReadOnlySpan<byte> body, NodaTime.Instant receivedAt, [NotNullWhen(true)] out WebhookBatch? batch, [NotNullWhen(false)] out string? error)
    {
        var mentions = new List<Mention>();
        var ignored = 0;
        var line = 0;
        while (!body.IsEmpty)
        {
            line++;
            var end = body.IndexOf((byte)'\n');
            var text = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (!text.IsEmpty && text[^1] == (byte)'\r') text = text[..^1];
            if (text.Trim((byte)' ').IsEmpty) continue;
            if (!JsonlMentionParser.TryParse(text, receivedAt, out var mention, out var reason))
            {
                batch = null;
                error = $"line {line}: {reason}";
                return false;
            }
            if (settings.Brands.TryFind(mention.Account, out _)) mentions.Add(mention);
            else ignored++;
        }
        batch = new WebhookBatch(mentions, ignored);
        error = null;
        return true;
    }
}
