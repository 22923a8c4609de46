namespace SocialSla.Core.Triage;

/// <summary>Converts <see cref="Language"/> values to and from their ISO 639-1 codes (<c>en</c>, <c>es</c>, …, <c>und</c>).</summary>
public static class LanguageNames
{
    private static readonly string[] Codes = ["und", "en", "es", "fr", "de", "pt", "it", "nl"];

    /// <summary>The code of a language (<c>und</c> for <see cref="Language.Unknown"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined language.</exception>
    public static string ToCode(this Language language) =>
        (int)language < Codes.Length ? Codes[(int)language] : throw new ArgumentOutOfRangeException(nameof(language), language, "Not a defined language.");

    /// <summary>Parses a code, ignoring case.</summary>
    /// <returns><see langword="true"/> when <paramref name="code"/> names a language.</returns>
    public static bool TryParse(ReadOnlySpan<char> code, out Language language)
    {
        for (var i = 0; i < Codes.Length; i++)
        {
            if (code.Equals(Codes[i], StringComparison.OrdinalIgnoreCase))
            {
                language = (Language)i;
                return true;
            }
        }
        language = Language.Unknown;
        return false;
    }
}
