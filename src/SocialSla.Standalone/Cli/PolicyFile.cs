using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Sla;

namespace SocialSla.Standalone.Cli;

/// <summary>Reads an SLA policy file from disk and parses it with the Core parser.</summary>
internal static class PolicyFile
{
    public static bool TryLoad(string path, out SlaPolicy policy, [NotNullWhen(false)] out string? error)
    {
        policy = SlaPolicy.Default;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read the policy '{path}': {e.Message}";
            return false;
        }
        if (!SlaPolicyParser.TryParse(text, out var parsed, out var reason))
        {
            error = $"the policy '{path}' is not valid: {reason}";
            return false;
        }
        policy = parsed;
        error = null;
        return true;
    }
}
