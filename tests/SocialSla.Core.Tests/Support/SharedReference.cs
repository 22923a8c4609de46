using System.Text.Json;

namespace SocialSla.Core.Tests.Support;

/// <summary>Finds the workplace's <c>shared/reference/</c> folder, which sits beside the repository root.</summary>
internal static class SharedReference
{
    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "shared", "reference");
            if (Directory.Exists(folder))
            {
                var candidate = Path.Combine(folder, relative);
                if (File.Exists(candidate)) return candidate;
                throw new FileNotFoundException($"{candidate} does not exist.");
            }
        }
        throw new DirectoryNotFoundException($"shared/reference was not found beside any parent of {AppContext.BaseDirectory}.");
    }

    /// <summary>The bytes of an example payload in <c>shared/reference/examples/</c>.</summary>
    public static byte[] Example(string name) => File.ReadAllBytes(PathOf(Path.Combine("examples", name)));

    /// <summary>An example payload, parsed, for reading expected values independently of the code under test.</summary>
    public static JsonElement ExampleJson(string name) => JsonDocument.Parse(Example(name)).RootElement;
}
