using NodaTime;
using SocialSla.Standalone.Generate;

namespace SocialSla.Standalone.Tests.Generate;

public sealed class GenerateOptionsTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 0, 0);

    [Fact]
    public void Constructor_NegativeMessages_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GenerateOptions(-1, 1, GenerateFormat.Twcs, Start));
        Assert.Equal("Messages", ex.ParamName);
        Assert.Equal(-1, ex.ActualValue);
    }

    [Fact]
    public void With_NegativeMessages_Throws()
    {
        var options = new GenerateOptions(10, 1, GenerateFormat.Twcs, Start);
        Assert.Throws<ArgumentOutOfRangeException>("Messages", () => options with { Messages = -5 });
    }

    [Fact]
    public void Constructor_TooManyMessages_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("Messages",
            () => new GenerateOptions(GenerateOptions.MaxMessages + 1, 1, GenerateFormat.Twcs, Start));

    [Fact]
    public void Constructor_UndefinedFormat_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("Format", () => new GenerateOptions(1, 1, (GenerateFormat)7, Start));

    [Fact]
    public void Constructor_StartBeforeSnowflakeEpoch_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("Start",
            () => new GenerateOptions(1, 1, GenerateFormat.Twcs, GenerateOptions.MinStart - Duration.FromMilliseconds(1)));

    [Fact]
    public void Constructor_StartAtMaxStart_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("Start",
            () => new GenerateOptions(1, 1, GenerateFormat.Twcs, GenerateOptions.MaxStart));

    [Fact]
    public void Constructor_Bounds_AreAccepted()
    {
        var low = new GenerateOptions(0, int.MinValue, GenerateFormat.Jsonl, GenerateOptions.MinStart);
        var high = new GenerateOptions(GenerateOptions.MaxMessages, int.MaxValue, GenerateFormat.Twcs, GenerateOptions.MaxStart - Duration.Epsilon);

        Assert.Equal(0, low.Messages);
        Assert.Equal(GenerateOptions.MaxMessages, high.Messages);
    }

    [Fact]
    public void Write_AtTheExtremesOfStart_StillWritesPositiveIncreasingIds()
    {
        foreach (var start in new[] { GenerateOptions.MinStart, GenerateOptions.MaxStart - Duration.FromDays(1) })
        {
            var ids = TrafficGenerator.Generate(new GenerateOptions(200, 4, GenerateFormat.Twcs, start))
                .Select(m => long.Parse(m.Id.ExternalId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.All(ids, id => Assert.True(id > 0));
        }
    }
}
