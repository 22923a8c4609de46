using NodaTime;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>When alerts for one account become a storm, grouped into one incident per recipient and level.</summary>
public sealed record StormOptions
{
    /// <summary>More than this many alerts of one level for one account within <see cref="Window"/> open a group.</summary>
    public int Threshold { get; init; } = 5;

    /// <summary>The window in which <see cref="Threshold"/> is counted.</summary>
    public Duration Window { get; init; } = Duration.FromMinutes(10);

    /// <summary>Per-recipient cooldown: a group's rolling count is sent again at most this often.</summary>
    public Duration UpdateEvery { get; init; } = Duration.FromMinutes(5);

    /// <summary>A group closes (with a final summary) after this long without a new alert.</summary>
    public Duration EndsAfterQuiet { get; init; } = Duration.FromMinutes(15);

    /// <summary>At most this many cases are listed in a group (the count covers all).</summary>
    public int ListedCases { get; init; } = 50;

    /// <summary>The defaults.</summary>
    public static StormOptions Default { get; } = new();

    /// <summary>Throws when a value is outside its meaningful range.</summary>
    public void Validate()
    {
        if (Threshold < 1) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "at least 1");
        if (Window <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(Window), Window, "positive");
        if (UpdateEvery < Duration.Zero) throw new ArgumentOutOfRangeException(nameof(UpdateEvery), UpdateEvery, "not negative");
        if (EndsAfterQuiet <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(EndsAfterQuiet), EndsAfterQuiet, "positive");
        if (ListedCases < 1) throw new ArgumentOutOfRangeException(nameof(ListedCases), ListedCases, "at least 1");
    }
}
