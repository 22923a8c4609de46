using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Privacy;
using SocialSla.Core.Sla;
using SocialSla.Core.Triage;
using SocialSla.Standalone.Cli;
using SocialSla.Standalone.Generate;
using SocialSla.Standalone.Replay;

namespace SocialSla.Standalone.Tests.Replay;

/// <summary>Replay with triage (issue 5, item 8): the near-duplicate rule looks across conversations, yet the result
/// must not depend on how conversations are split over workers.</summary>
public partial class ReplayRunnerTests
{
    private static readonly string[] Campaigns =
    [
        "@{0} click the link for free coffee every day this week only",
        "@{0} this brand is a scam do not trust them ever again",
        "@{0} write to me at {1}@example.com for the best deal on beans",   // equal once e-mail addresses are masked
    ];

    /// <summary>Generated traffic plus copy-paste campaigns: the same texts from many authors in separate
    /// conversations, spread over the whole period so every worker's share holds some.</summary>
    private static List<Mention> WithCampaigns(int seed)
    {
        var mentions = TrafficGenerator.Generate(new GenerateOptions(20_000, seed, GenerateFormat.Jsonl, GenerateCommand.DefaultStart)).ToList();
        var random = new Random(seed);
        var start = mentions.Min(m => m.CreatedAt);
        var span = mentions.Max(m => m.CreatedAt) - start;
        var accounts = mentions.Select(m => m.Account).Distinct().ToArray();
        for (var i = 0; i < 600; i++)
        {
            var account = accounts[random.Next(accounts.Length)];
            var at = start + Duration.FromTicks((long)(random.NextDouble() * span.BclCompatibleTicks));
            mentions.Insert(random.Next(mentions.Count), new Mention
            {
                Id = new MentionId(account.Platform, $"campaign{i}"),
                Channel = Channel.Mention,
                Account = account,
                Author = new Author($"9{random.Next(40)}", $"spam{i}"),
                FromBrand = false,
                Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Campaigns[i % Campaigns.Length], account.Value, Letters(i)),
                CreatedAt = at,
                ReceivedAt = at,
            });
        }
        return mentions;
    }

    private static string Letters(int number) => string.Concat(number.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));

    [Theory]
    [InlineData(21, 1)]
    [InlineData(21, 3)]
    [InlineData(22, 7)]
    public void Run_WithTriage_EqualsOnePipelineInGlobalTimeOrder(int seed, int workers)
    {
        var mentions = WithCampaigns(seed);
        var policy = SlaPolicy.Default.WithReplyTargetOverride(Duration.FromMinutes(15));
        Func<Mention, Mention> mask = m => PiiMasker.Mask(m, PiiKinds.All);

        var expected = GlobalOrder(mentions, policy, new MentionTriage(TriageOptions.Default), mask);
        var actual = ReplayRunner.Run(mentions, policy, mentions.Count, 0, workers, TriageOptions.Default, PiiKinds.All);

        Assert.Equal(expected.Alerts, actual.Alerts);
        AssertSame(expected.Total, actual.Total);
        Assert.True(actual.Total.Noise > 300, $"noise {actual.Total.Noise}");
        Assert.Equal(actual.Total.Noise, actual.Triage!.Noise);
        Assert.True(actual.Triage.NoiseFor(NoiseReasons.NearDuplicate) > 300);
    }

    [Fact]
    public void Run_WithTriage_TallyDoesNotDependOnWorkers()
    {
        var mentions = WithCampaigns(23);
        var policy = SlaPolicy.Default;
        var reports = new[] { 1, 2, 5 }.Select(workers =>
        {
            var result = ReplayRunner.Run(mentions, policy, mentions.Count, 0, workers, TriageOptions.Default, PiiKinds.All);
            using var buffer = new MemoryStream();
            ReplayReportWriter.WriteJson(buffer, result);
            // The triage report and the KPI counts; KPI means are sums of doubles, equal only to rounding across splits.
            using var json = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
            return json.RootElement.GetProperty("triage").GetRawText() + json.RootElement.GetProperty("mentions").GetRawText()
                + json.RootElement.GetProperty("cases").GetRawText() + json.RootElement.GetProperty("alerts").GetRawText();
        }).ToArray();

        Assert.Equal(reports[0], reports[1]);
        Assert.Equal(reports[0], reports[2]);
        var result = ReplayRunner.Run(mentions, policy, mentions.Count, 0, 3, TriageOptions.Default, PiiKinds.All);
        using var buffer = new MemoryStream();
        ReplayReportWriter.WriteJson(buffer, result);
        using var report = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
        var triage = report.RootElement.GetProperty("triage");
        Assert.True(triage.GetProperty("sentimentChange").GetProperty("cases").GetInt64() > 100);
        Assert.True(triage.GetProperty("noiseReasons").GetProperty("nearDuplicate").GetInt64() > 300);
    }

    [Fact]
    public void Run_WithoutMasking_EmailCampaignIsNotOneText()
    {
        // Each copy of the third campaign carries its own address: only masking makes them the same text.
        var mentions = WithCampaigns(24);
        var masked = ReplayRunner.Run(mentions, SlaPolicy.Default, mentions.Count, 0, 2, TriageOptions.Default, PiiKinds.All);
        var unmasked = ReplayRunner.Run(mentions, SlaPolicy.Default, mentions.Count, 0, 2, TriageOptions.Default, PiiKinds.None);
        Assert.True(masked.Triage!.NoiseFor(NoiseReasons.NearDuplicate) > unmasked.Triage!.NoiseFor(NoiseReasons.NearDuplicate) + 100);
    }
}
