using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Privacy;

/// <summary>Whose personal data an erasure request names: a platform and the platform's id of the author (an X user
/// id, a Page-scoped id, a Reddit <c>t2_…</c> fullname, …), the only key every stored message carries.</summary>
/// <remarks>Equality is exact on the platform and ordinal on the id. The default value is not valid.</remarks>
public readonly record struct ErasureSubject
{
    /// <summary>The longest author id accepted.</summary>
    public const int MaxAuthorIdLength = 256;

    /// <summary>Creates a subject.</summary>
    /// <exception cref="ArgumentException"><paramref name="authorId"/> is empty, white space, longer than
    /// <see cref="MaxAuthorIdLength"/> or holds a control character.</exception>
    public ErasureSubject(Platform platform, string authorId)
    {
        if (Validate(authorId) is { } reason) throw new ArgumentException($"'{authorId}' is not an author id: {reason}.", nameof(authorId));
        Platform = platform;
        AuthorId = authorId;
    }

    /// <summary>The platform the author writes on.</summary>
    public Platform Platform { get; }

    /// <summary>The platform's id of the author.</summary>
    public string AuthorId { get; }

    /// <summary>Parses a request's platform wire name (<c>x</c>, <c>facebook</c>, …) and author id.</summary>
    /// <returns><see langword="true"/> with the subject, or <see langword="false"/> with a one-line reason.</returns>
    public static bool TryCreate(string? platform, string? authorId, out ErasureSubject subject, [NotNullWhen(false)] out string? error)
    {
        subject = default;
        if (string.IsNullOrWhiteSpace(platform) || !PlatformNames.TryParse(platform, out var parsed))
        {
            error = $"platform must be one of {string.Join(", ", PlatformNames.All.Select(p => p.ToWireName()))}";
            return false;
        }
        if (Validate(authorId) is { } reason)
        {
            error = $"author {reason}";
            return false;
        }
        subject = new ErasureSubject(parsed, authorId!);
        error = null;
        return true;
    }

    private static string? Validate(string? authorId)
    {
        if (string.IsNullOrWhiteSpace(authorId)) return "must be a non-empty id";
        if (authorId.Length > MaxAuthorIdLength) return $"must be at most {MaxAuthorIdLength} characters";
        if (authorId.Any(char.IsControl)) return "must not hold control characters";
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Platform.ToWireName()}:{AuthorId}";
}
