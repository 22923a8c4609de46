using SocialSla.Core.Cases;
using SocialSla.Core.Pipeline;

namespace SocialSla.Core.Tests.Pipeline;

public class CaseInstanceIdTests
{
    [Theory]
    [InlineData("x:ContosoCoffee:1789", "x:ContosoCoffee:1789")]
    [InlineData("x:ContosoCoffee:1789#2", "x:ContosoCoffee:1789%232")]
    [InlineData("rss:blog:https://blog.example.com/p?id=1", "rss:blog:https:%2F%2Fblog.example.com%2Fp%3Fid=1")]
    public void Of_ShortCaseId_IsTheEscapedIdWithoutForbiddenCharacters(string caseId, string expected)
    {
        var id = CaseInstanceId.Of(new CaseId(caseId));
        Assert.Equal(expected, id);
        Assert.DoesNotContain(id, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Theory]
    [InlineData(200, 'a')]
    [InlineData(10, 'é')]
    public void Of_LongOrNonAsciiCaseId_IsAHashOfIt(int length, char filler)
    {
        var caseId = new CaseId("facebook:page:" + new string(filler, length));
        var id = CaseInstanceId.Of(caseId);
        Assert.StartsWith("case-", id);
        Assert.InRange(id.Length, 1, CaseInstanceId.MaxLength);
        Assert.Equal(id, CaseInstanceId.Of(caseId));
        Assert.NotEqual(id, CaseInstanceId.Of(new CaseId(caseId.Value + "#2")));
    }
}
