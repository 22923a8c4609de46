using SocialSla.Standalone.Server.Configuration;

namespace SocialSla.Standalone.Server.Engine;

/// <summary>The names deliveries are recorded under: a sink's configured name, else its type (numbered when repeated).</summary>
internal static class AlertSinkNames
{
    public static IReadOnlyList<string> Of(IReadOnlyList<SinkOptions> sinks)
    {
        var names = new List<string>(sinks.Count);
        foreach (var sink in sinks)
        {
            var name = sink.Name ?? sink.Type.ToLowerInvariant();
            var unique = name;
            for (var n = 2; names.Contains(unique); n++) unique = $"{name}{n}";
            names.Add(unique);
        }
        return names;
    }
}
