namespace SocialSla.Core.Triage;

internal static partial class Lexicon
{
    // The commonest function words of each language the detector knows; a word may belong to several.
    private static readonly (Language Language, string Words)[] StopWords =
    [
        (Language.En, """
            the and is to of in it you that this my for was with have are not on be me your i i'm im but at what so
            just can why how they we our it's its he she there their been has had will would from an or if do does did
            don't dont can't cant no get got when about all out up time now please thanks thank who
            """),
        (Language.Es, """
            el la los las que de y en un una es por con para mi su lo pero muy del al se como está esta estoy gracias
            hola porque cuando nos ya tengo hay fue sin sus le más mas también tambien hasta donde vuelo yo usted ustedes
            """),
        (Language.Fr, """
            le la les et est un une des du je vous pas pour avec ne ce que qui dans sur mon ma mes merci bonjour très
            tres mais c'est il elle nous au aux votre vos ai avez suis été plus sont cette
            """),
        (Language.De, """
            der die das und ist nicht ich sie es ein eine zu mit auf für fur den dem von mein meine danke bitte aber sehr
            wir noch auch wie ihr bei nach kein keine haben hat wurde wird war schon mir mich sind
            """),
        (Language.Pt, """
            o os as que de e em um uma não nao com por para meu minha obrigado obrigada está muito mas você voce do da
            no na é dos das ao foi estou isso tem sem já ja pelo pela seu sua vocês
            """),
        (Language.It, """
            il lo la gli le e è di che un una per con non mio mia grazie sono ma molto del della ciao questo anche
            nel alla ho hai abbiamo perché perche come sei siamo volo
            """),
        (Language.Nl, """
            de het een en is niet ik je van dat op te met voor mijn bedankt dank maar zijn wij ook nog wat hoe heel geen
            jullie er naar bij dit deze al wel mij hebben heb
            """),
    ];
}
