namespace SocialSla.Core.Mentions;

/// <summary>The key under which a delivery is deduplicated: (platform, account, external id, verb) (design §3).</summary>
/// <param name="Account">The brand account that received the message (its platform is the message's).</param>
/// <param name="Id">The message's id.</param>
/// <param name="Verb">What happened to the message.</param>
/// <remarks>Two deliveries with equal keys are the same event: the second changes nothing.</remarks>
public readonly record struct IdempotencyKey(PlatformAccountId Account, MentionId Id, MentionVerb Verb)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Account}|{Id.ExternalId}|{Verb}";
}
