namespace SocialSla.Core.Triage;

/// <summary>The language of a message, as far as the cheap detector can tell.</summary>
/// <remarks>The wire name of each value is its lower-case ISO 639-1 code (see <see cref="LanguageNames"/>);
/// <see cref="Unknown"/> is <c>und</c>.</remarks>
public enum Language : byte
{
    /// <summary>Not one of the languages the detector knows (or no evidence in a non-Latin script).</summary>
    Unknown = 0,
    /// <summary>English (<c>en</c>).</summary>
    En,
    /// <summary>Spanish (<c>es</c>).</summary>
    Es,
    /// <summary>French (<c>fr</c>).</summary>
    Fr,
    /// <summary>German (<c>de</c>).</summary>
    De,
    /// <summary>Portuguese (<c>pt</c>).</summary>
    Pt,
    /// <summary>Italian (<c>it</c>).</summary>
    It,
    /// <summary>Dutch (<c>nl</c>).</summary>
    Nl,
}
