using SocialSla.Core.Mentions;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>What a storm is counted per: one recipient (sink), one brand account, one alert level.</summary>
/// <param name="Recipient">The sink's name.</param>
/// <param name="Account">The brand account.</param>
/// <param name="Level">The alert kind.</param>
public readonly record struct StormKey(string Recipient, PlatformAccountId Account, AlertKind Level);
