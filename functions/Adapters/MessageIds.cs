using System.Security.Cryptography;
using System.Text;

namespace SocialSla.Functions.Adapters;

/// <summary>Service Bus message ids (at most 128 characters).</summary>
public static class MessageIds
{
    /// <summary>The id of a webhook delivery: SHA-256 of its kind, source and raw body, so a platform's redelivery of
    /// the same body is dropped by the queue's duplicate detection.</summary>
    public static string ForDelivery(string kind, string source, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(kind + "\n" + source + "\n"));
        hash.AppendData(body);
        return kind + ":" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>An id as is when it fits, else its SHA-256.</summary>
    public static string Fit(string id) =>
        id.Length <= 128 ? id : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
