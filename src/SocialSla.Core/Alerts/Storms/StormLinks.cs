using SocialSla.Core.Cases;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>Board links in storm messages (the same case URL as <see cref="AlertCard"/>'s).</summary>
internal static class StormLinks
{
    public static Uri Case(Uri board, CaseId @case) => new(board, $"cases/{Uri.EscapeDataString(@case.Value)}");
}
