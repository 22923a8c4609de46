using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Triage;

/// <summary>Near-duplicates decided over a whole export in time order equal what one triage fed everything in time
/// order decides, whatever order the list comes in (issue 5, item 8: partitioned replay).</summary>
public class NearDuplicateVerdictsTests
{
    private const string Campaign = "@ContosoCoffee follow us for the best deals in town today";

    private static Mention Says(string id, double minutes, string author, string text) =>
        Customer(id, minutes, author: author) with { Text = text };

    /// <summary>What one <see cref="MentionTriage"/> with its own memory says, fed in creation order (list order on ties).</summary>
    private static HashSet<string> Sequential(TriageOptions options, IReadOnlyList<Mention> mentions)
    {
        var triage = new MentionTriage(options);
        var seen = new HashSet<IdempotencyKey>();
        return [.. mentions.Select((m, i) => (m, i)).OrderBy(p => p.m.CreatedAt).ThenBy(p => p.i).Select(p => p.m)
            .Where(m => !m.FromBrand && m.Verb == MentionVerb.Add && seen.Add(m.IdempotencyKey))
            .Where(m => (triage.Assess(m, default).Noise & NoiseReasons.NearDuplicate) != 0)
            .Select(m => m.Id.ExternalId)];
    }

    private static HashSet<string> Computed(TriageOptions options, IReadOnlyList<Mention> mentions)
    {
        var verdicts = NearDuplicateVerdicts.Compute(options, mentions);
        var triage = new MentionTriage(options, verdicts);
        return [.. mentions.Where(m => !m.FromBrand && (triage.Assess(m, default).Noise & NoiseReasons.NearDuplicate) != 0).Select(m => m.Id.ExternalId)];
    }

    [Fact]
    public void Compute_ThirdAuthorOfTheSameText_IsTheFirstNearDuplicate()
    {
        List<Mention> mentions =
        [
            Says("4", 30, "d", Campaign), Says("1", 0, "a", Campaign), Says("3", 20, "c", Campaign), Says("2", 10, "b", Campaign),
            Says("5", 5, "e", "@ContosoCoffee where is my order, it has been a week"),
        ];
        Assert.Equal(["3", "4"], Computed(TriageOptions.Default, mentions).Order());
    }

    [Fact]
    public void Compute_RepeatedDeliveriesAndBrandMessages_DoNotCountAsAuthors()
    {
        List<Mention> mentions =
        [
            Says("1", 0, "a", Campaign), Says("2", 1, "b", Campaign), Says("1", 2, "a", Campaign), // a repeated delivery of "1"
            Reply("9", 3, "1", text: Campaign),
        ];
        Assert.Empty(Computed(TriageOptions.Default, mentions));
        Assert.Empty(Sequential(TriageOptions.Default, mentions));
    }

    [Fact]
    public void Compute_CheckOff_CallsNothingADuplicate()
    {
        var mentions = Enumerable.Range(0, 10).Select(i => Says($"{i}", i, $"a{i}", Campaign)).ToList();
        Assert.Same(NearDuplicateVerdicts.None, NearDuplicateVerdicts.Compute(TriageOptions.Default with { DuplicateAuthors = 0 }, mentions));
    }

    [Property(MaxTest = 60)]
    public Property Prop_VerdictsEqualOneTriageInTimeOrder_ForAnyListOrder()
    {
        var texts = Gen.Elements(Campaign, "@ContosoCoffee my latte was cold again this morning sadly", "@ContosoCoffee thanks!", "@ContosoCoffee win win win free coffee for everyone now");
        var message = from minute in Gen.Choose(0, 30)
                      from author in Gen.Choose(0, 5)
                      from text in texts
                      select (minute, author, text);
        return Prop.ForAll(message.ListOf().Where(l => l.Count < 40).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (messages, seed) =>
        {
            var mentions = messages.Select((m, i) => Says($"{i}", m.minute, $"{m.author}", m.text)).ToList();
            var shuffled = mentions.OrderBy(_ => new Random(seed).Next()).ToList();
            // Shuffling changes which of two equal-instant messages comes first: compare with the reference fed the same list.
            return Computed(TriageOptions.Default, shuffled).SetEquals(Sequential(TriageOptions.Default, shuffled))
                && Computed(TriageOptions.Default, mentions).SetEquals(Sequential(TriageOptions.Default, mentions));
        });
    }
}
