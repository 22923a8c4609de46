namespace SocialSla.Core.Triage;

/// <summary>A cheap language tag for routing messages to regional teams: English, Spanish, French, German,
/// Portuguese, Italian or Dutch.</summary>
/// <remarks>
/// <para>Scores the commonest function words of each language (a word shared by several languages counts for each
/// in part) and a few letters only some of them use (ñ, ã, ß, ç, …). English is the default: another language must
/// score more than English and at least as much as two of its own function words. Text whose letters are mostly not
/// Latin is <see cref="Language.Unknown"/>; so is text with no letters at all only when it has non-Latin letters —
/// empty text is English by default.</para>
/// <para>Pure and thread-safe; one pass, no allocation per call.</para>
/// </remarks>
public static class LanguageDetector
{
    /// <summary>Tags one text.</summary>
    public static Language Detect(ReadOnlySpan<char> text) => TextScanner.Scan(text, null, default).Language;

    /// <summary>Tags one text; <see langword="null"/> is treated as empty.</summary>
    public static Language Detect(string? text) => Detect(text.AsSpan());
}
