namespace SocialSla.Standalone.Tests.Support;

/// <summary>Finds the workplace's <c>shared/</c> folder, which sits beside the repository root.</summary>
internal static class SharedData
{
    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"shared/data/{relative} was not found beside any parent of {AppContext.BaseDirectory}.");
    }

    /// <summary>A file under <c>shared/reference/examples</c>.</summary>
    public static string ExampleOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "examples", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"shared/reference/examples/{name} was not found beside any parent of {AppContext.BaseDirectory}.");
    }
}
