using NodaTime;

namespace SocialSla.Core.Webhooks;

/// <summary>Checks a generic webhook delivery with the scheme its source is configured for.</summary>
/// <remarks>Dispatches to <see cref="StandardWebhooksSignature"/>, <see cref="StripeSignature"/>,
/// <see cref="GitHubSignature"/>, <see cref="SlackSignature"/> or <see cref="ZendeskSignature"/>; schemes without a
/// timestamp ignore <c>now</c> and the window. Thread-safe.</remarks>
public static class GenericWebhookSignature
{
    /// <summary>Checks a delivery's signature with <paramref name="scheme"/>.</summary>
    /// <param name="scheme">The source's configured scheme.</param>
    /// <param name="body">The raw request body.</param>
    /// <param name="header">Looks a request header up by name (case-insensitive matching is the host's job); null when absent.</param>
    /// <param name="secrets">The current secret, and during a rotation the previous one; any match is valid.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="window">The replay window; <see langword="null"/> means <see cref="ReplayWindow.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> or <paramref name="secrets"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="secrets"/> is empty or holds a secret the scheme cannot use.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scheme"/> is not defined, or <paramref name="window"/> is negative.</exception>
    public static SignatureCheck Verify(GenericSignatureScheme scheme, ReadOnlySpan<byte> body, Func<string, string?> header,
        IReadOnlyList<string> secrets, Instant now, Duration? window = null) => scheme switch
    {
        GenericSignatureScheme.StandardWebhooks => StandardWebhooksSignature.Verify(body, header, secrets, now, window),
        GenericSignatureScheme.Stripe => StripeSignature.Verify(body, header, secrets, now, window),
        GenericSignatureScheme.GitHub => GitHubSignature.Verify(body, header, secrets),
        GenericSignatureScheme.Slack => SlackSignature.Verify(body, header, secrets, now, window),
        GenericSignatureScheme.Zendesk => ZendeskSignature.Verify(body, header, secrets, now, window),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Not a defined signature scheme."),
    };
}
