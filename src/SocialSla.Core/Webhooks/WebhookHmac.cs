using System.Security.Cryptography;
using System.Text;

namespace SocialSla.Core.Webhooks;

/// <summary>HMAC-SHA256 over a signed string made of parts, and constant-time matching against a set of candidate
/// signatures under a set of secrets (rotation).</summary>
internal static class WebhookHmac
{
    /// <summary>The length of an HMAC-SHA256 value in bytes.</summary>
    public const int Length = HMACSHA256.HashSizeInBytes;

    /// <summary>The UTF-8 keys of configured secrets, validated.</summary>
    /// <exception cref="ArgumentNullException">The list is null.</exception>
    /// <exception cref="ArgumentException">The list is empty or holds a null or empty secret.</exception>
    public static byte[][] Utf8Keys(IReadOnlyList<string> secrets, string paramName)
    {
        ValidateList(secrets, paramName);
        var keys = new byte[secrets.Count][];
        for (var i = 0; i < keys.Length; i++) keys[i] = Encoding.UTF8.GetBytes(secrets[i]);
        return keys;
    }

    /// <summary>Checks that a list of secrets is non-empty and holds no null or empty entry.</summary>
    /// <exception cref="ArgumentNullException">The list is null.</exception>
    /// <exception cref="ArgumentException">The list is empty or holds a null or empty secret.</exception>
    public static void ValidateList(IReadOnlyList<string> secrets, string paramName)
    {
        ArgumentNullException.ThrowIfNull(secrets, paramName);
        if (secrets.Count == 0) throw new ArgumentException("At least one secret must be configured.", paramName);
        for (var i = 0; i < secrets.Count; i++)
        {
            if (string.IsNullOrEmpty(secrets[i]))
                throw new ArgumentException($"Secret {i} of {secrets.Count} is null or empty.", paramName);
        }
    }

    /// <summary>Computes HMAC-SHA256 of <paramref name="first"/> followed by <paramref name="second"/> (and
    /// <paramref name="third"/>) under <paramref name="key"/>, without concatenating them.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default,
        ReadOnlySpan<byte> third = default)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(first);
        hmac.AppendData(second);
        hmac.AppendData(third);
        return hmac.GetHashAndReset();
    }

    /// <summary>Whether any key signs the parts to any candidate; every comparison is constant-time.</summary>
    public static bool AnyMatches(byte[][] keys, IReadOnlyList<byte[]> candidates, ReadOnlySpan<byte> first,
        ReadOnlySpan<byte> second = default, ReadOnlySpan<byte> third = default)
    {
        var matched = false;
        foreach (var key in keys)
        {
            var expected = Compute(key, first, second, third);
            foreach (var candidate in candidates)
            {
                // Lengths are public (always 32 for a well-formed signature); the bytes are compared in constant time.
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }
        return matched;
    }

    /// <summary>Decodes hexadecimal digits (either case) of exactly one HMAC-SHA256 value.</summary>
    public static bool TryDecodeHex(ReadOnlySpan<char> text, out byte[] value)
    {
        value = [];
        if (text.Length != Length * 2) return false;
        var bytes = new byte[Length];
        if (Convert.FromHexString(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Length)
            return false;
        value = bytes;
        return true;
    }

    /// <summary>Decodes standard Base64 (with padding) of exactly one HMAC-SHA256 value.</summary>
    public static bool TryDecodeBase64(ReadOnlySpan<char> text, out byte[] value)
    {
        value = [];
        Span<byte> buffer = stackalloc byte[Length + 3];
        if (!Convert.TryFromBase64Chars(text, buffer, out var written) || written != Length) return false;
        value = buffer[..Length].ToArray();
        return true;
    }

    /// <summary>The bytes of a signed prefix such as <c>{timestamp}.</c>, in UTF-8.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
