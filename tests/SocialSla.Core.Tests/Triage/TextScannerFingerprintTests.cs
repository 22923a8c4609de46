using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

/// <summary>The fingerprint-only pass (used over a whole export) equals the full scan's fingerprint, so replay's
/// near-duplicate verdicts are the ones one triage would give.</summary>
public class TextScannerFingerprintTests
{
    private static readonly Gen<string> Pieces = Gen.Elements(
        "refund", "Refund", "REFUND", "sooooo", "soooo", "don't", "don’t", "it's", "'quoted'", "café", "Ünïcödé", "привет",
        "東京", "𝐀𝐁𝐂", "😡", "👍🏽", ":)", ":-(", ";D", "<3", "=)", "^^", "->", "x2", "24/7", "100%", "#Help", "#1", "@ContosoCoffee",
        "@", "#", "http://t.co/abc", "https://x.com/a?b=1", "www.example.com", "xwww.a.b", "e-mail", "a.b", "!", "?", "...", "/s",
        " ", "  ", "\n", "\t", "-", "'", "’", "\u2190", "a", "I", "the", "free", "coffee", "win", "DM", "B2B", "ümlaut's");

    private static readonly Gen<string> Texts =
        from parts in Pieces.ListOf()
        from glue in Gen.Elements("", " ", " ")
        select string.Join(glue, parts);

    [Property(MaxTest = 2000)]
    public Property Prop_FingerprintEqualsTheFullScan() =>
        Prop.ForAll(Texts.ToArbitrary(), text =>
        {
            var scan = TextScanner.Scan(text, null, default);
            var fingerprint = TextScanner.Fingerprint(text, out var words);
            return (fingerprint == scan.Fingerprint && words == scan.FingerprintWords)
                .Label($"'{text}': {fingerprint}/{words} vs {scan.Fingerprint}/{scan.FingerprintWords}");
        });

    [Property(MaxTest = 500)]
    public Property Prop_FingerprintEqualsTheFullScan_ForAnyString() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Generator.Where(s => s is not null).ToArbitrary(), text =>
        {
            var scan = TextScanner.Scan(text, null, default);
            return TextScanner.Fingerprint(text, out var words) == scan.Fingerprint && words == scan.FingerprintWords;
        });

    [Theory]
    [InlineData("WIN a FREE coffee!!! http://spam.example @brand", "win a free coffee")]
    [InlineData("Sooooo good", "soo good")]
    public void Fingerprint_IgnoresCaseLinksHandlesAndLongRuns(string text, string same) =>
        Assert.Equal(TextScanner.Fingerprint(same, out _), TextScanner.Fingerprint(text, out _));
}
