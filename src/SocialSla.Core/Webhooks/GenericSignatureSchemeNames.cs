using System.Diagnostics.CodeAnalysis;

namespace SocialSla.Core.Webhooks;

/// <summary>The configuration names of the <see cref="GenericSignatureScheme"/>s, shared by every host's settings.</summary>
public static class GenericSignatureSchemeNames
{
    /// <summary>The names, default first: <c>standard-webhooks</c>, <c>stripe</c>, <c>github</c>, <c>slack</c>, <c>zendesk</c>.</summary>
    public static IReadOnlyList<string> All { get; } = ["standard-webhooks", "stripe", "github", "slack", "zendesk"];

    /// <summary>The scheme a configured name means; no name means <see cref="GenericSignatureScheme.StandardWebhooks"/>.
    /// An unknown name is refused (a typo must not quietly turn every delivery into a 401).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out GenericSignatureScheme? scheme)
    {
        scheme = name switch
        {
            null or "standard-webhooks" => GenericSignatureScheme.StandardWebhooks,
            "stripe" => GenericSignatureScheme.Stripe,
            "github" => GenericSignatureScheme.GitHub,
            "slack" => GenericSignatureScheme.Slack,
            "zendesk" => GenericSignatureScheme.Zendesk,
            _ => null,
        };
        return scheme is not null;
    }
}
