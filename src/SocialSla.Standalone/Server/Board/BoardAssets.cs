using System.Reflection;

namespace SocialSla.Standalone.Server.Board;

/// <summary>The board's static files (page, style, script), embedded in the assembly: no CDN, no build step.</summary>
/// <remarks>Read once and kept; thread-safe.</remarks>
internal static class BoardAssets
{
    private static readonly Dictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    /// <summary>The names of the files (<c>index.html</c>, <c>board.css</c>, <c>board.js</c>).</summary>
    public static IEnumerable<string> Names => Files.Keys;

    /// <summary>A file's bytes and content type, or <see langword="false"/> when there is no such file.</summary>
    public static bool TryGet(string name, out byte[] bytes, out string contentType)
    {
        var found = Files.TryGetValue(name, out var file);
        (bytes, contentType) = found ? file : ([], "");
        return found;
    }

    /// <summary>A file as text.</summary>
    /// <exception cref="KeyNotFoundException">No such file.</exception>
    public static string Text(string name) => System.Text.Encoding.UTF8.GetString(Files[name].Bytes);

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith("board/", StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["board/".Length..];
            files[name] = (copy.ToArray(), Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            });
        }
        return files;
    }
}
