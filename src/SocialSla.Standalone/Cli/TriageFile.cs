using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SocialSla.Core.Triage;

namespace SocialSla.Standalone.Cli;

/// <summary>Reads triage settings from disk: a file holding the <c>triage</c> object itself, or a whole <c>serve</c>
/// configuration whose <c>triage</c> member is taken (so one file configures both). Files it names (<c>vipFile</c>)
/// are relative to it.</summary>
internal static class TriageFile
{
    public static bool TryLoad(string path, [NotNullWhen(true)] out TriageOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 32 });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("triage", out var section)) root = section;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (TriageOptionsParser.TryParse(root, file => File.OpenText(Path.Combine(directory, file)), out options, out var reason))
            {
                error = null;
                return true;
            }
            error = $"the triage settings '{path}' are not valid: {reason}";
            return false;
        }
        catch (JsonException e)
        {
            error = $"the triage settings '{path}' are not valid JSON: {e.Message}";
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read the triage settings '{path}' (or a file they name): {e.Message}";
            return false;
        }
    }
}
