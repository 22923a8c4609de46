namespace SocialSla.Standalone.Generate;

/// <summary>A synthetic customer, kept for a while so that some customers come back.</summary>
/// <param name="Number">The numeric id (TWCS <c>author_id</c>, e.g. 300123).</param>
/// <param name="Handle">The X handle.</param>
/// <param name="DisplayName">The name shown on Facebook.</param>
/// <param name="Followers">The X follower count.</param>
/// <param name="Verified">Whether X marks the customer as verified.</param>
/// <param name="LastBrand">The index of the brand the customer last wrote to.</param>
/// <param name="LastSeenUnixMs">When the customer last opened a conversation.</param>
internal sealed record Customer(long Number, string Handle, string DisplayName, long Followers, bool Verified, int LastBrand, long LastSeenUnixMs)
{
    /// <summary>A page-scoped id, as Messenger gives for this customer on a Page.</summary>
    public string PageScopedId(int brandIndex) => Scoped(brandIndex, 7_000_000_000_000_000);

    /// <summary>An app-scoped id, as Facebook gives for this customer's comments.</summary>
    public string AppScopedId() => Scoped(99, 1_000_000_000_000_000);

    private string Scoped(int salt, long floor)
    {
        var x = unchecked((ulong)Number * 0x9E3779B97F4A7C15UL ^ (ulong)(salt + 1) * 0xC2B2AE3D27D4EB4FUL);
        x ^= x >> 29;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 32;
        return (floor + (long)(x % 999_999_999_999_999)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
