using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace SocialSla.Core.Webhooks;

/// <summary>Answers Meta's GET verification handshake (spec sheet §1.2): <c>hub.mode=subscribe</c> and a
/// <c>hub.verify_token</c> equal to the configured token are answered with 200 and the <c>hub.challenge</c> text;
/// anything else with 403.</summary>
/// <remarks>The token comparison is constant-time, also in the token's length (SHA-256 digests are compared). With no
/// token configured every handshake is refused.</remarks>
public static class MetaVerification
{
    /// <summary>The query parameter holding the mode, <c>hub.mode</c> (the dot is part of the name).</summary>
    public const string ModeParameter = "hub.mode";

    /// <summary>The query parameter holding the verify token, <c>hub.verify_token</c>.</summary>
    public const string VerifyTokenParameter = "hub.verify_token";

    /// <summary>The query parameter holding the challenge to echo, <c>hub.challenge</c>.</summary>
    public const string ChallengeParameter = "hub.challenge";

    /// <summary>Decides a handshake from the request's query parameters.</summary>
    /// <param name="query">Looks a query parameter up by its exact name; null when absent.</param>
    /// <param name="configuredToken">The verify token typed into Meta's dashboard; null or empty refuses every handshake.</param>
    /// <param name="challenge">The plain-text body of the 200 answer, when the handshake is accepted.</param>
    /// <returns><see langword="true"/> to answer 200 with <paramref name="challenge"/>; <see langword="false"/> to answer 403.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    public static bool TryAnswer(Func<string, string?> query, string? configuredToken, [NotNullWhen(true)] out string? challenge)
    {
        ArgumentNullException.ThrowIfNull(query);
        return TryAnswer(query(ModeParameter), query(VerifyTokenParameter), query(ChallengeParameter), configuredToken, out challenge);
    }

    /// <summary>Decides a handshake from the three parameter values.</summary>
    /// <param name="mode">The <c>hub.mode</c> value; must be <c>subscribe</c>.</param>
    /// <param name="verifyToken">The <c>hub.verify_token</c> value; must equal <paramref name="configuredToken"/>.</param>
    /// <param name="hubChallenge">The <c>hub.challenge</c> value; must be present.</param>
    /// <param name="configuredToken">The configured verify token; null or empty refuses every handshake.</param>
    /// <param name="challenge">The text to answer with: <paramref name="hubChallenge"/>, when accepted.</param>
    /// <returns><see langword="true"/> to answer 200 with <paramref name="challenge"/>; <see langword="false"/> to answer 403.</returns>
    public static bool TryAnswer(string? mode, string? verifyToken, string? hubChallenge, string? configuredToken,
        [NotNullWhen(true)] out string? challenge)
    {
        challenge = null;
        if (string.IsNullOrEmpty(configuredToken) || mode != "subscribe" || verifyToken is null
            || string.IsNullOrEmpty(hubChallenge))
            return false;
        // Digests first: FixedTimeEquals returns at once on a length mismatch, which would reveal the token's length.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(verifyToken)), SHA256.HashData(Encoding.UTF8.GetBytes(configuredToken))))
            return false;
        challenge = hubChallenge;
        return true;
    }
}
