using System.Globalization;
using NodaTime;

namespace SocialSla.Core.Pulls;

/// <summary>Reads when a source wants to be asked again from its response headers.</summary>
/// <remarks>
/// <para><c>Retry-After</c> (any kind; delta-seconds or an HTTP date) always counts. X's <c>x-rate-limit-reset</c>
/// (Unix seconds) counts on a 429 or when <c>x-rate-limit-remaining</c> is 0. Reddit's <c>x-ratelimit-reset</c>
/// (seconds until the window ends) counts on a 429 or when <c>x-ratelimit-remaining</c> is below 1. The latest of the
/// applicable instants wins. Headers that do not parse are ignored.</para>
/// </remarks>
internal static class RetryHints
{
    /// <summary>The retry hint of a response, or <see langword="null"/> when it gave none.</summary>
    public static Instant? Read(PullSourceKind kind, int status, Func<string, string?> header, Instant now)
    {
        Instant? hint = null;
        var retryAfter = header("Retry-After")?.Trim();
        if (retryAfter is not null)
        {
            if (long.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                hint = Later(hint, now + Duration.FromSeconds(Math.Min(seconds, 7 * 86400)));
            else if (FeedTimestamp.TryParseRfc822(retryAfter, out var at))
                hint = Later(hint, at);
        }

        if (kind == PullSourceKind.XRecentSearch)
        {
            var exhausted = status == 429 || (TryNumber(header("x-rate-limit-remaining"), out var remaining) && remaining <= 0);
            if (exhausted && TryNumber(header("x-rate-limit-reset"), out var reset) && reset is > 0 and < 1e11)
                hint = Later(hint, Instant.FromUnixTimeSeconds((long)Math.Ceiling(reset)));
        }
        else if (kind == PullSourceKind.Reddit)
        {
            var exhausted = status == 429 || (TryNumber(header("x-ratelimit-remaining"), out var remaining) && remaining < 1);
            if (exhausted && TryNumber(header("x-ratelimit-reset"), out var reset) && reset is >= 0 and < 86400)
                hint = Later(hint, now + Duration.FromSeconds(Math.Ceiling(reset)));
        }
        return hint;
    }

    private static Instant? Later(Instant? a, Instant b) => a is { } x && x > b ? x : b;

    private static bool TryNumber(string? text, out double value) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
