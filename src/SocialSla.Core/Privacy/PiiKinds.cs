namespace SocialSla.Core.Privacy;

/// <summary>The kinds of personal data <see cref="PiiMasker"/> masks.</summary>
[Flags]
public enum PiiKinds
{
    /// <summary>Nothing: masking is off.</summary>
    None = 0,

    /// <summary>E-mail addresses, masked as <c>[email]</c>.</summary>
    Email = 1,

    /// <summary>Phone numbers (international with <c>+</c> or <c>00</c>, and grouped or trunk-prefixed national
    /// numbers), masked as <c>[phone]</c>.</summary>
    Phone = 2,

    /// <summary>Payment card numbers (13–19 digits, Luhn-valid, a card network's prefix), masked as <c>[card]</c>.</summary>
    Card = 4,

    /// <summary>Every kind.</summary>
    All = Email | Phone | Card,
}
