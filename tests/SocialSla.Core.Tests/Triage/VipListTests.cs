using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

public class VipListTests
{
    [Fact]
    public void TryRead_CrmExport_MatchesHandleIgnoringCaseAndIdExactly()
    {
        const string csv = "name,platform,handle,id,priority\nJane,x,@JaneDoe,,urgent\nBob,facebook,,10042,\n";
        Assert.True(VipList.TryRead(new StringReader(csv), Priority.High, out var list, out var error), error);
        Assert.Equal(2, list.Count);
        Assert.True(list.TryMatch(Platform.X, new Author("1", "@janedoe"), out var jane));
        Assert.Equal(Priority.Urgent, jane);
        Assert.False(list.TryMatch(Platform.Instagram, new Author("1", "janedoe"), out _));
        Assert.True(list.TryMatch(Platform.Facebook, new Author("10042"), out var bob));
        Assert.Equal(Priority.High, bob);
        Assert.False(list.TryMatch(Platform.Facebook, new Author("100420"), out _));
    }

    [Theory]
    [InlineData("name,tier\nJane,gold\n", "neither a 'handle' nor an 'id'")]
    [InlineData("handle,platform\njane,myspace\n", "unknown platform 'myspace'")]
    [InlineData("handle,id\n,\n", "needs a handle or an id")]
    public void TryRead_Problems_AreNamed(string csv, string expected)
    {
        Assert.False(VipList.TryRead(new StringReader(csv), Priority.High, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryRead_EmptyFile_IsEmptyList()
    {
        Assert.True(VipList.TryRead(new StringReader(""), Priority.High, out var list, out _));
        Assert.Equal(0, list.Count);
        Assert.False(list.TryMatch(Platform.X, new Author("1", "a"), out _));
    }
}
