namespace SocialSla.Standalone.Generate;

/// <summary>The per-conversation values a <see cref="MessageTemplate"/> is filled with.</summary>
/// <param name="BrandMention">"@Handle " on X, empty elsewhere.</param>
/// <param name="CustomerMention">"@customer " on X, empty elsewhere.</param>
/// <param name="Thing">What the conversation is about.</param>
/// <param name="YourThing">The same, as the brand says it ("your flight").</param>
/// <param name="Service">What is broken.</param>
/// <param name="ReferenceLabel">What the brand asks for.</param>
/// <param name="Reference">The customer's reference, label included.</param>
/// <param name="City">Where the customer is.</param>
/// <param name="Signature">The answering agent's initials ("^JS").</param>
/// <param name="HelpUrl">The brand's help link, without the article number.</param>
internal readonly record struct TextContext(
    string BrandMention,
    string CustomerMention,
    string Thing,
    string YourThing,
    string Service,
    string ReferenceLabel,
    string Reference,
    string City,
    string Signature,
    string HelpUrl);
