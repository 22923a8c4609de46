using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

public class TriageTallyTests
{
    private static TriageResult Verdict(NoiseReasons noise, bool actionable, Priority priority, SentimentLabel label, float score, string queue, params string[] tags) =>
        new(noise, actionable, MessageIntents.None, priority, PriorityReasons.None, new SentimentScore(score, label), Language.En, tags, queue);

    [Fact]
    public void Add_CountsNoiseByEachReasonAndRoutesOnlyNonNoise()
    {
        var tally = new TriageTally();
        tally.Add(Verdict(NoiseReasons.LinkSpam | NoiseReasons.Promotion, false, Priority.Low, SentimentLabel.Neutral, 0, "general", "billing"));
        tally.Add(Verdict(NoiseReasons.None, true, Priority.High, SentimentLabel.Negative, -0.7f, "billing-team", "billing", "refund"));
        tally.Add(Verdict(NoiseReasons.None, false, Priority.Low, SentimentLabel.Positive, 0.8f, "general"));

        Assert.Equal(3, tally.Messages);
        Assert.Equal(1, tally.Actionable);
        Assert.Equal(1, tally.Noise);
        Assert.Equal(1, tally.NoiseFor(NoiseReasons.LinkSpam));
        Assert.Equal(1, tally.NoiseFor(NoiseReasons.Promotion));
        Assert.Equal(0, tally.NoiseFor(NoiseReasons.OffBrand));
        Assert.Equal(2, tally.WithPriority(Priority.Low));
        Assert.Equal(1, tally.WithPriority(Priority.High));
        Assert.Equal(1, tally.WithSentiment(SentimentLabel.Negative));
        Assert.Equal(new Dictionary<string, long> { ["billing-team"] = 1, ["general"] = 1 }, tally.Queues);
        Assert.Equal(new Dictionary<string, long> { ["billing"] = 1, ["refund"] = 1 }, tally.Tags);
        Assert.Throws<ArgumentOutOfRangeException>(() => tally.NoiseFor(NoiseReasons.LinkSpam | NoiseReasons.OffBrand));
    }

    [Fact]
    public void AddCase_ComparesLabelsAndAveragesTheScoreChange()
    {
        var tally = new TriageTally();
        tally.AddCase(new SentimentScore(-0.8f, SentimentLabel.Negative), new SentimentScore(0.5f, SentimentLabel.Positive));
        tally.AddCase(new SentimentScore(0.1f, SentimentLabel.Neutral), new SentimentScore(-0.4f, SentimentLabel.Negative));
        tally.AddCase(new SentimentScore(-0.2f, SentimentLabel.Negative), new SentimentScore(-0.6f, SentimentLabel.Negative));
        Assert.Equal((3L, 1L, 1L, 1L), (tally.CasesCompared, tally.CasesImproved, tally.CasesWorsened, tally.CasesUnchanged));
        Assert.Equal((1.3 - 0.5 - 0.4) / 3, tally.MeanScoreChange!.Value, 5);
        Assert.Throws<ArgumentException>(() => tally.AddCase(default, new SentimentScore(0, SentimentLabel.Neutral)));
    }

    [Fact]
    public void CaseSentimentTrack_SkipsUnknownAndKeepsFirstAndLast()
    {
        var track = default(CaseSentimentTrack)
            .With(new SentimentScore(0, SentimentLabel.Unknown))
            .With(new SentimentScore(-0.5f, SentimentLabel.Negative))
            .With(new SentimentScore(0, SentimentLabel.Unknown));
        Assert.False(track.Comparable);
        track = track.With(new SentimentScore(0.1f, SentimentLabel.Neutral)).With(new SentimentScore(0.6f, SentimentLabel.Positive));
        Assert.True(track.Comparable);
        Assert.Equal((SentimentLabel.Negative, SentimentLabel.Positive, 3), (track.First.Label, track.Last.Label, track.Count));
    }

    private static readonly Gen<TriageResult> Verdicts =
        from noise in Gen.Elements(NoiseReasons.None, NoiseReasons.None, NoiseReasons.LinkSpam, NoiseReasons.NearDuplicate | NoiseReasons.BotAuthor)
        from actionable in Gen.Elements(true, false)
        from priority in Gen.Elements(Priority.Low, Priority.Normal, Priority.High, Priority.Urgent)
        from label in Gen.Elements(SentimentLabel.Unknown, SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive)
        from score in Gen.Choose(-1000, 1000)
        from queue in Gen.Elements("general", "billing", "shipping")
        from tags in Gen.Elements(Array.Empty<string>(), ["billing"], ["outage", "Billing"])
        select Verdict(noise, actionable, priority, label, score / 1000f, queue, tags);

    private static readonly Gen<(SentimentScore, SentimentScore)> Changes =
        from a in Gen.Choose(-1000, 1000)
        from b in Gen.Choose(-1000, 1000)
        select (Score(a / 1000f), Score(b / 1000f));

    private static SentimentScore Score(float s) => new(s, s <= -0.1f ? SentimentLabel.Negative : s >= 0.25f ? SentimentLabel.Positive : SentimentLabel.Neutral);

    private static string Describe(TriageTally t) => string.Join("|",
        t.Messages, t.Actionable, t.Noise, t.CasesCompared, t.CasesImproved, t.CasesWorsened, t.CasesUnchanged, t.ScoreChangeSum.ToString("R"),
        string.Join(",", Enum.GetValues<Priority>().Select(t.WithPriority)), string.Join(",", Enum.GetValues<SentimentLabel>().Select(t.WithSentiment)),
        string.Join(",", new[] { NoiseReasons.LinkSpam, NoiseReasons.NearDuplicate, NoiseReasons.BotAuthor }.Select(t.NoiseFor)),
        string.Join(",", t.Queues.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")),
        string.Join(",", t.Tags.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Key.ToLowerInvariant()}={p.Value}")));

    [Property(MaxTest = 200)]
    public Property Prop_MergingPartsInAnyOrderEqualsTallyingTheWhole() =>
        Prop.ForAll(Verdicts.ListOf().ToArbitrary(), Changes.ListOf().ToArbitrary(), Gen.Choose(1, 5).Zip(Gen.Choose(0, 1000)).ToArbitrary(),
            (verdicts, changes, split) =>
            {
                var (parts, seed) = split;
                var whole = new TriageTally();
                foreach (var v in verdicts) whole.Add(v);
                foreach (var (a, b) in changes) whole.AddCase(a, b);

                var random = new Random(seed);
                var pieces = Enumerable.Range(0, parts).Select(_ => new TriageTally()).ToArray();
                foreach (var v in verdicts) pieces[random.Next(parts)].Add(v);
                foreach (var (a, b) in changes) pieces[random.Next(parts)].AddCase(a, b);
                var merged = new TriageTally();
                foreach (var piece in pieces.OrderBy(_ => random.Next())) merged.Merge(piece);
                return Describe(merged) == Describe(whole);
            });
}
