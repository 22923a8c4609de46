namespace SocialSla.Standalone.Tests.Server;

/// <summary>Tests that measure wall-clock lateness run alone, after the parallel ones: other tests' CPU would
/// otherwise be measured as the server's lateness.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockCollection
{
    public const string Name = "wall clock";
}
