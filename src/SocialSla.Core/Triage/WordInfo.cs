namespace SocialSla.Core.Triage;

/// <summary>What the lexicon knows about one lower-case word: valence, roles, the languages it is a stop word of,
/// the boost it gives as an intensifier and the phrases it ends.</summary>
internal struct WordInfo
{
    public float Valence;
    public float Boost;
    public WordRoles Roles;
    public byte Languages;
    public short Phrases;
}
