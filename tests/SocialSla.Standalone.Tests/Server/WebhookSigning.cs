using System.Security.Cryptography;
using System.Text;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Signatures computed the way the platforms document them, independently of the product's code.</summary>
internal static class WebhookSigning
{
    public static string Meta(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string X(byte[] body, string secret) =>
        "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Standard Webhooks: <c>v1,</c> + base64 HMAC of <c>{id}.{timestamp}.{body}</c> with the decoded secret.</summary>
    public static string Standard(string id, long unixSeconds, byte[] body, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{unixSeconds}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
