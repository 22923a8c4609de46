using System.Collections.Concurrent;
using SocialSla.Core.Ingestion;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>What the webhook routes already parsed, by inbox sequence number, so the engine does not parse the same
/// bytes again. Only a shortcut: the raw envelope in the inbox stays the truth (after a restart the engine parses it).</summary>
internal sealed class DecodedEnvelopes
{
    /// <summary>Beyond this many waiting entries (the engine is behind) new ones are not kept: a parsed body that waits
    /// long gets promoted and dies old, which costs the acknowledgement path more in collections than parsing again
    /// costs the engine.</summary>
    private const int Limit = 256;
    private readonly ConcurrentDictionary<long, WebhookBatch> _bySeq = new();

    public void Add(long seq, WebhookBatch batch)
    {
        if (_bySeq.Count < Limit) _bySeq.TryAdd(seq, batch);
    }

    public bool TryTake(long seq, out WebhookBatch batch) => _bySeq.TryRemove(seq, out batch!);
}
