using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>Parses priority names (<c>low</c>, <c>normal</c>, <c>high</c>, <c>urgent</c>) in triage configuration.</summary>
public static class TriagePriorities
{
    /// <summary>Parses a priority name, ignoring case; numbers are refused.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Priority priority)
    {
        foreach (var candidate in Enum.GetValues<Priority>())
        {
            if (text.Equals(candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                priority = candidate;
                return true;
            }
        }
        priority = Priority.Normal;
        return false;
    }
}
