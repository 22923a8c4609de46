using System.Diagnostics.CodeAnalysis;
using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Webhooks;

namespace SocialSla.Core.Ingestion;

/// <summary>A queued delivery's kind and how to read it: the raw body of a webhook (Meta, X, a generic source) or
/// normalised mention lines (a pull's page), decoded with the parser of its kind.</summary>
/// <remarks>The Functions app queues envelopes under these kind names (the Service Bus message's subject) and decodes
/// them here; the webhook endpoints decode them once before queueing, so a malformed body is refused with 400.</remarks>
public static class Envelopes
{
    /// <summary>Envelope kinds.</summary>
    public const string Meta = "meta", X = "x", Generic = "generic", Mentions = "mentions";

    /// <summary>Decodes an envelope.</summary>
    /// <param name="kind">The envelope's kind.</param>
    /// <param name="source">For <see cref="Generic"/>, the configured source's name; otherwise ignored.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="brands">The brand accounts.</param>
    /// <param name="genericSources">The configured generic sources and the account each posts for (if fixed).</param>
    /// <param name="receivedAt">When the delivery was received.</param>
    /// <param name="batch">The mentions.</param>
    /// <param name="error">Why it could not be decoded.</param>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    public static bool TryDecode(string kind, string? source, ReadOnlySpan<byte> body, BrandDirectory brands,
        IReadOnlyDictionary<string, PlatformAccountId?> genericSources, Instant receivedAt,
        [NotNullWhen(true)] out WebhookBatch? batch, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(genericSources);
        switch (kind)
        {
            case Mentions:
                return GenericWebhookParser.TryParse(body, brands, null, receivedAt, out batch, out error);
            case Meta:
                return MetaWebhookParser.TryParse(body, brands, receivedAt, out batch, out error);
            case X:
                return XWebhookParser.TryParse(body, brands, receivedAt, out batch, out error);
            case Generic when source is not null && genericSources.TryGetValue(source, out var account):
                return GenericWebhookParser.TryParse(body, brands, account, receivedAt, out batch, out error);
            default:
                batch = null;
                error = kind == Generic ? $"no generic source '{source}' is configured" : $"unknown envelope kind '{kind}'";
                return false;
        }
    }
}
