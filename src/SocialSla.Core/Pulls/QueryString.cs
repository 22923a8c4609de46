using System.Text;

namespace SocialSla.Core.Pulls;

/// <summary>Builds a URL from a base, a relative path and query parameters, escaping every name and value.</summary>
internal static class QueryString
{
    /// <summary>Appends <paramref name="path"/> (already escaped) to <paramref name="baseUrl"/> and adds the non-null parameters in order.</summary>
    public static Uri Build(Uri baseUrl, string path, IEnumerable<(string Name, string? Value)> parameters)
    {
        var root = baseUrl.GetLeftPart(UriPartial.Path);
        var url = new StringBuilder(root);
        if (path.Length > 0)
        {
            if (!root.EndsWith('/')) url.Append('/');
            url.Append(path);
        }
        var separator = string.IsNullOrEmpty(baseUrl.Query) ? '?' : '&';
        if (!string.IsNullOrEmpty(baseUrl.Query)) url.Append(baseUrl.Query);
        foreach (var (name, value) in parameters)
        {
            if (value is null) continue;
            url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return new Uri(url.ToString(), UriKind.Absolute);
    }
}
