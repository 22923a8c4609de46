using SocialSla.Core.Ingestion;

namespace SocialSla.Core.Pulls;

/// <summary>Recognises the brand's own posts in a pulled page: by platform id (ordinal) or by handle (case-insensitive, leading <c>@</c> ignored).</summary>
internal sealed class BrandMatcher
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _handles = new(StringComparer.OrdinalIgnoreCase);

    public BrandMatcher(PullSource source, BrandAccount brand)
    {
        Add(_ids, source.BrandPlatformId);
        Add(_ids, brand.PlatformUserId);
        Add(_handles, source.BrandHandle);
        Add(_handles, brand.Handle);
    }

    /// <summary>Whether an author is the brand.</summary>
    public bool Matches(string? authorId, string? handle) =>
        (authorId is not null && _ids.Contains(authorId)) ||
        (handle is not null && _handles.Contains(handle.TrimStart('@')));

    private static void Add(HashSet<string> set, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) set.Add(value.TrimStart('@'));
    }
}
