using NodaTime;
using SocialSla.Core.Pulls;

namespace SocialSla.Core.Tests.Pulls;

public sealed class FeedTimestampTests
{
    [Theory]
    [InlineData("Mon, 02 Mar 2026 15:10:00 +0000", "2026-03-02T15:10:00Z")]
    [InlineData("02 Mar 2026 15:10:00 GMT", "2026-03-02T15:10:00Z")]
    [InlineData("Mon, 2 Mar 26 10:10 EST", "2026-03-02T15:10:00Z")]
    [InlineData("Mon,02 Mar 2026 16:10:00 +0100", "2026-03-02T15:10:00Z")]
    [InlineData("2026-03-02T15:10:00Z", "2026-03-02T15:10:00Z")]
    [InlineData("2026-03-02T15:10:00.123Z", "2026-03-02T15:10:00.123Z")]
    [InlineData("2026-03-02T17:10:00+02:00", "2026-03-02T15:10:00Z")]
    public void TryParse_KnownForms_ReadTheInstant(string text, string expected)
    {
        Assert.True(FeedTimestamp.TryParse(text, out var instant));
        Assert.Equal(PullExamples.Iso(expected), instant);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Mon, 31 Feb 2026 15:10:00 +0000")]
    [InlineData("Mon, 02 Foo 2026 15:10:00 +0000")]
    [InlineData("2026-03-02")]
    public void TryParse_Unusable_IsFalse(string text) => Assert.False(FeedTimestamp.TryParse(text, out Instant _));
}
