namespace SocialSla.Core.Triage;

/// <summary>A multi-word lexicon entry, matched at its last word against the words before it.</summary>
/// <param name="Preceding">The words before the last one, in order, lower case.</param>
/// <param name="Valence">The valence the phrase adds on top of its words' own.</param>
/// <param name="Roles">The roles the phrase gives the message.</param>
internal sealed record LexiconPhrase(string[] Preceding, float Valence, WordRoles Roles);
