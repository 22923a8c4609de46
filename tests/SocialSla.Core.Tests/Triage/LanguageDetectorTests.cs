using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

public class LanguageDetectorTests
{
    [Theory]
    [InlineData("@Acme my order has not arrived and the tracking page is empty", Language.En)]
    [InlineData("@Acme hola, mi pedido no ha llegado y nadie me responde", Language.Es)]
    [InlineData("@Acme bonjour, ma commande n'est pas arrivée, pouvez-vous m'aider ?", Language.Fr)]
    [InlineData("@Acme hallo, meine Bestellung ist noch nicht da und ich habe keine Antwort", Language.De)]
    [InlineData("@Acme olá, o meu pedido não chegou e ninguém responde", Language.Pt)]
    [InlineData("@Acme ciao, il mio ordine non è arrivato e nessuno mi risponde", Language.It)]
    [InlineData("@Acme hallo, mijn bestelling is nog niet aangekomen en ik heb geen antwoord", Language.Nl)]
    public void Detect_Sentences_TaggedWithTheirLanguage(string text, Language expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("")]
    [InlineData("@Acme")]
    [InlineData("@Acme thanks!")]
    [InlineData("👍")]
    public void Detect_NoEvidence_DefaultsToEnglish(string text) => Assert.Equal(Language.En, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("@Acme спасибо за помощь")]
    [InlineData("@Acme ありがとうございます")]
    [InlineData("@Acme شكرا جزيلا")]
    public void Detect_NonLatinScripts_AreUnknown(string text) => Assert.Equal(Language.Unknown, LanguageDetector.Detect(text));

    [Fact]
    public void Codes_RoundTrip()
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            Assert.True(LanguageNames.TryParse(language.ToCode().ToUpperInvariant(), out var parsed));
            Assert.Equal(language, parsed);
        }
        Assert.False(LanguageNames.TryParse("xx", out _));
    }
}
