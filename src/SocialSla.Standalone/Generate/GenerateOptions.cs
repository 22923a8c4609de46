using NodaTime;

namespace SocialSla.Standalone.Generate;

/// <summary>What <see cref="TrafficGenerator"/> should produce.</summary>
/// <param name="Messages">The exact number of output rows (duplicates included); zero or more.</param>
/// <param name="Seed">The seed of the pseudo-random generator; equal options give byte-identical output.</param>
/// <param name="Format">The output format, which also decides the platform mix.</param>
/// <param name="Start">When the first conversation may start; later ones follow at the modelled rate.</param>
/// <remarks>
/// <para>Bounds: <see cref="Messages"/> in [0, <see cref="MaxMessages"/>]; <see cref="Start"/> in
/// [<see cref="MinStart"/>, <see cref="MaxStart"/>), so that snowflake-style ids stay positive 64-bit numbers.</para>
/// <para>Immutable; equality is by value. Validation also runs for <see langword="with"/> expressions.</para>
/// </remarks>
public sealed record GenerateOptions(int Messages, int Seed, GenerateFormat Format, Instant Start)
{
    /// <summary>The largest supported <see cref="Messages"/> (about six years of traffic at the modelled rate).</summary>
    public const int MaxMessages = 100_000_000;

    /// <summary>The earliest supported <see cref="Start"/>: the X snowflake epoch (2010-11-04T01:42:54.657Z).</summary>
    public static Instant MinStart { get; } = Instant.FromUnixTimeMilliseconds(SnowflakeEpochMilliseconds);

    /// <summary>The exclusive upper bound of <see cref="Start"/> (2060-01-01T00:00:00Z).</summary>
    public static Instant MaxStart { get; } = Instant.FromUtc(2060, 1, 1, 0, 0);

    internal const long SnowflakeEpochMilliseconds = 1_288_834_974_657;

    /// <summary>The exact number of output rows, duplicates included.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="MaxMessages"/>.</exception>
    public int Messages { get; init => field = CheckMessages(value); } = CheckMessages(Messages);

    /// <summary>The output format.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined format.</exception>
    public GenerateFormat Format { get; init => field = CheckFormat(value); } = CheckFormat(Format);

    /// <summary>When the first conversation may start.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside [<see cref="MinStart"/>, <see cref="MaxStart"/>).</exception>
    public Instant Start { get; init => field = CheckStart(value); } = CheckStart(Start);

    private static int CheckMessages(int value) =>
        value is >= 0 and <= MaxMessages
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Messages), value, $"Messages must be between 0 and {MaxMessages}.");

    private static GenerateFormat CheckFormat(GenerateFormat value) =>
        Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Format), value, "Not a defined output format.");

    private static Instant CheckStart(Instant value) =>
        value >= MinStart && value < MaxStart
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Start), value, $"Start must be in [{MinStart}, {MaxStart}).");
}
