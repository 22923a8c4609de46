using SocialSla.Core.Mentions;

namespace SocialSla.Core.Ingestion;

/// <summary>What one delivery (a webhook body, a page of a pull) contained.</summary>
/// <param name="Mentions">The messages for configured brand accounts, normalised.</param>
/// <param name="Ignored">Events skipped because they concern no configured account or are of a kind the pipeline does
/// not track (likes, reads, typing indicators); counted, never an error.</param>
public sealed record WebhookBatch(IReadOnlyList<Mention> Mentions, int Ignored)
{
    /// <summary>A delivery with nothing in it.</summary>
    public static WebhookBatch Empty { get; } = new([], 0);
}
