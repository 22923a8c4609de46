using System.Diagnostics.CodeAnalysis;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary>Instants in API answers (ISO-8601 UTC) and query strings (ISO-8601 instants or dates).</summary>
internal static class ApiTime
{
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static string Format(long nanos) => Format(InstantNanos.FromNanos(nanos));

    public static bool TryParse(string? text, [NotNullWhen(true)] out Instant? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (parsed.Success)
        {
            instant = parsed.Value;
            return true;
        }
        var date = LocalDatePattern.Iso.Parse(text);
        if (!date.Success) return false;
        instant = date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        return true;
    }
}
