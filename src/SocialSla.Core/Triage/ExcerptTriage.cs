using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>What triage makes of a case's excerpt, for the case list and detail (verdicts are not stored with a case).</summary>
/// <param name="Sentiment">The excerpt's sentiment.</param>
/// <param name="Tags">Its routing tags under the configured triage (none without one).</param>
/// <param name="Reasons">What raised or lowered its priority, as far as the excerpt shows it.</param>
public sealed record ExcerptVerdict(SentimentScore Sentiment, IReadOnlyList<string> Tags, PriorityReasons Reasons);

/// <summary>Triages a case's excerpt as a customer message of its own: with the configured triage when there is one
/// (which should keep no near-duplicate memory: reads must not change it), else sentiment alone.</summary>
public static class ExcerptTriage
{
    /// <summary>The triage to read excerpts with under <paramref name="options"/> (none without): near-duplicate memory off,
    /// so reads change nothing.</summary>
    public static MentionTriage? For(TriageOptions? options) => options is null ? null : new MentionTriage(options with { DuplicateAuthors = 0 });

    /// <summary>The verdict on <paramref name="state"/>'s excerpt.</summary>
    public static ExcerptVerdict Assess(CaseState state, MentionTriage? triage)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (triage is null) return new ExcerptVerdict(SentimentAnalyzer.Analyze(state.Excerpt), [], PriorityReasons.None);
        var mention = new Mention
        {
            Id = new MentionId(state.Account.Platform, "excerpt"),
            Channel = state.Channel,
            Account = state.Account,
            Author = new Author("customer", state.CustomerHandle),
            FromBrand = false,
            Text = state.Excerpt,
            CreatedAt = NodaConstants.UnixEpoch,
            ReceivedAt = NodaConstants.UnixEpoch,
        };
        var result = triage.Assess(mention, TriageContext.None);
        return new ExcerptVerdict(result.Sentiment, result.Tags, result.PriorityReasons);
    }
}
