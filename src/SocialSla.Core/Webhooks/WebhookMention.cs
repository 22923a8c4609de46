using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Webhooks;

/// <summary>Builds the <see cref="Mention"/> of one webhook event, and collects a delivery's mentions and ignored count.</summary>
internal sealed class WebhookMention
{
    private readonly List<Mention> _mentions = [];

    /// <summary>The events skipped so far (unconfigured accounts, untracked kinds).</summary>
    public int Ignored { get; private set; }

    /// <summary>Counts <paramref name="count"/> skipped events.</summary>
    public void Ignore(int count = 1) => Ignored += count;

    /// <summary>Adds a mention.</summary>
    public void Add(Mention mention) => _mentions.Add(mention);

    /// <summary>The delivery's result.</summary>
    public WebhookBatch ToBatch() => new(_mentions.ToArray(), Ignored);

    /// <summary>A mention with the common defaults (actionable, normal priority; triage decides later).</summary>
    public static Mention Create(BrandAccount brand, string id, Channel channel, string? parentId, string? threadKey,
        Author author, bool fromBrand, string? text, Instant createdAt, Instant receivedAt, MentionVerb verb,
        string? url = null)
    {
        var platform = brand.Account.Platform;
        return new Mention
        {
            Id = new MentionId(platform, id),
            Channel = channel,
            Account = brand.Account,
            ParentId = parentId is null ? null : new MentionId(platform, parentId),
            ThreadKey = threadKey,
            Author = author,
            FromBrand = fromBrand,
            Text = text ?? "",
            CreatedAt = createdAt,
            ReceivedAt = receivedAt,
            Verb = verb,
            Url = url,
        };
    }
}
