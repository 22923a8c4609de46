namespace SocialSla.Core.Webhooks;

/// <summary>The signature scheme a generic webhook source (a helpdesk forwarder, a relay) uses; configured per
/// source (spec sheet §4).</summary>
/// <remarks>The default value is <see cref="StandardWebhooks"/>.</remarks>
public enum GenericSignatureScheme : byte
{
    /// <summary>Standard Webhooks (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>); the default.</summary>
    StandardWebhooks = 0,
    /// <summary>Stripe-style <c>Stripe-Signature: t=…,v1=…</c>.</summary>
    Stripe,
    /// <summary>GitHub-style <c>X-Hub-Signature-256: sha256=…</c> (no timestamp).</summary>
    GitHub,
    /// <summary>Slack-style <c>X-Slack-Signature: v0=…</c> with <c>X-Slack-Request-Timestamp</c>.</summary>
    Slack,
    /// <summary>Zendesk-style <c>X-Zendesk-Webhook-Signature</c> with <c>X-Zendesk-Webhook-Signature-Timestamp</c>.</summary>
    Zendesk,
}
