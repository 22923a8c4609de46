using NodaTime;

namespace SocialSla.Core.Mentions;

/// <summary>One message from or to a brand account, normalised from any platform (design §3, spec sheet §6).</summary>
/// <remarks>
/// <para><see cref="ParentId"/> links a reply to what it answers; <see cref="ThreadKey"/>, when set, names the
/// conversation directly (a DM pair, a post id). When it is <see langword="null"/> the conversation is the root of
/// the reply chain.</para>
/// <para>Immutable; equality is by value.</para>
/// </remarks>
public sealed record Mention
{
    /// <summary>The message's identity.</summary>
    public required MentionId Id { get; init; }

    /// <summary>The conversation kind.</summary>
    public required Channel Channel { get; init; }

    /// <summary>The brand account that received (or, for brand replies, wrote) the message.</summary>
    public required PlatformAccountId Account { get; init; }

    /// <summary>The message this one replies to, if any.</summary>
    public MentionId? ParentId { get; init; }

    /// <summary>The platform's conversation key (e.g. <c>pageId:psid</c> for Messenger), or <see langword="null"/> to thread by reply chain.</summary>
    public string? ThreadKey { get; init; }

    /// <summary>Who wrote it.</summary>
    public required Author Author { get; init; }

    /// <summary>Whether the brand account wrote it (a reply or an echo).</summary>
    public required bool FromBrand { get; init; }

    /// <summary>The message text; empty when the source gave none or the host chose not to keep it.</summary>
    public string Text { get; init; } = "";

    /// <summary>When the platform says the message was written.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When this pipeline received it.</summary>
    public required Instant ReceivedAt { get; init; }

    /// <summary>What happened to the message.</summary>
    public MentionVerb Verb { get; init; } = MentionVerb.Add;

    /// <summary>Whether triage judged the message to need a reply; a non-actionable customer message starts no clock.</summary>
    public bool Actionable { get; init; } = true;

    /// <summary>The priority triage gave, which chooses the reply target.</summary>
    public Priority Priority { get; init; } = Priority.Normal;

    /// <summary>Whether a brand message was written by a bot or an auto-responder (it then fulfils no clock).</summary>
    public bool Automated { get; init; }

    /// <summary>A link to the message on the platform, when known.</summary>
    public string? Url { get; init; }

    /// <summary>The idempotency key of this delivery: (platform, account, external id, verb).</summary>
    public IdempotencyKey IdempotencyKey => new(Account, Id, Verb);
}
