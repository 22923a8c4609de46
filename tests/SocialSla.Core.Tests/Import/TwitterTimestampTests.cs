using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Import;

namespace SocialSla.Core.Tests.Import;

public sealed class TwitterTimestampTests
{
    private static readonly OffsetDateTimePattern TwitterPattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("ddd MMM dd HH':'mm':'ss o<+HHmm> uuuu");

    [Property(MaxTest = 500)]
    public bool Prop_NodaTimeFormattedTimestampsParseToTheSameInstant(long seconds, short offsetMinutes)
    {
        var instant = Instant.FromUnixTimeSeconds(seconds % 62_000_000_000L);
        var offset = Offset.FromSeconds(offsetMinutes % (18 * 60) * 60);
        var text = TwitterPattern.Format(instant.WithOffset(offset));

        return TwitterTimestamp.TryParse(text, out var parsed) && parsed == instant;
    }

    [Theory]
    [InlineData("Wed May 02 16:14:43 +0000 2018 ")]
    [InlineData("Wed May  2 16:14:43 +0000 2018")]
    [InlineData("wed may 02 16:14:43 +0000 2018")]
    [InlineData("Xyz May 02 16:14:43 +0000 2018")]
    [InlineData("Wed May 00 16:14:43 +0000 2018")]
    [InlineData("Wed Apr 31 16:14:43 +0000 2018")]
    [InlineData("Wed May 02 16:60:43 +0000 2018")]
    [InlineData("Wed May 02 16:14:43 0000 +2018")]
    [InlineData("Wed May 02 16:14:43 +1900 2018")]
    [InlineData("Wed May 02 16:14:43 +0000 0000")]
    [InlineData("")]
    public void TryParse_Malformed_False(string text)
    {
        Assert.False(TwitterTimestamp.TryParse(text, out _));
    }
}
