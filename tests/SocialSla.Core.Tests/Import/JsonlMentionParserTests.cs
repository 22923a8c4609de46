using System.Text;
using NodaTime;
using SocialSla.Core.Import;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Tests.Import;

public sealed class JsonlMentionParserTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 12, 0);

    private const string Full =
        """{"id":"1789","platform":"x","account":"ContosoCoffee","channel":"mention","parentId":"1788","threadKey":null,"author":{"id":"200334","handle":"alice","followers":120,"verified":false},"fromBrand":false,"text":"@ContosoCoffee my order is late","createdAt":"2026-11-22T10:15:00Z","receivedAt":"2026-11-22T10:15:02Z","verb":"add","actionable":true,"priority":"normal","url":"https://x.com/alice/status/1789"}""";

    private const string Minimal =
        """{"id":"m1","platform":"facebook","account":"page1","author":{"id":"u1"},"fromBrand":true,"createdAt":"2026-11-22T10:15:00Z"}""";

    private static (bool Ok, Mention? Mention, string? Error) Parse(string line)
    {
        var ok = JsonlMentionParser.TryParse(Encoding.UTF8.GetBytes(line), Now, out var mention, out var error);
        return (ok, mention, error);
    }

    private static string Error(string line)
    {
        var (ok, mention, error) = Parse(line);
        Assert.False(ok);
        Assert.Null(mention);
        Assert.NotNull(error);
        return error;
    }

    [Fact]
    public void TryParse_FullExample_MapsEveryField()
    {
        var (ok, m, error) = Parse(Full);

        Assert.True(ok, error);
        Assert.Null(error);
        Assert.Equal(new MentionId(Platform.X, "1789"), m!.Id);
        Assert.Equal(new PlatformAccountId(Platform.X, "ContosoCoffee"), m.Account);
        Assert.Equal(Channel.Mention, m.Channel);
        Assert.Equal(new MentionId(Platform.X, "1788"), m.ParentId);
        Assert.Null(m.ThreadKey);
        Assert.Equal(new Author("200334", "alice", 120, false), m.Author);
        Assert.False(m.FromBrand);
        Assert.Equal("@ContosoCoffee my order is late", m.Text);
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 10, 15), m.CreatedAt);
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 10, 15, 2), m.ReceivedAt);
        Assert.Equal(MentionVerb.Add, m.Verb);
        Assert.True(m.Actionable);
        Assert.Equal(Priority.Normal, m.Priority);
        Assert.Equal("https://x.com/alice/status/1789", m.Url);
    }

    [Fact]
    public void TryParse_OnlyRequiredFields_AppliesDefaults()
    {
        var (ok, m, error) = Parse(Minimal);

        Assert.True(ok, error);
        Assert.Equal(new MentionId(Platform.Facebook, "m1"), m!.Id);
        Assert.Equal(Channel.Mention, m.Channel);
        Assert.Null(m.ParentId);
        Assert.Null(m.ThreadKey);
        Assert.Equal(new Author("u1"), m.Author);
        Assert.True(m.FromBrand);
        Assert.Equal("", m.Text);
        Assert.Equal(Now, m.ReceivedAt);
        Assert.Equal(MentionVerb.Add, m.Verb);
        Assert.True(m.Actionable);
        Assert.Equal(Priority.Normal, m.Priority);
        Assert.Null(m.Url);
    }

    [Fact]
    public void TryParse_OtherValuesAndSpellings_Mapped()
    {
        var (ok, m, error) = Parse(
            """
            {"id":42,"platform":"Instagram","account":"acme","channel":"dm","parentId":41,"threadKey":"t-1","author":{"id":7,"handle":null,"followers":null,"verified":true,"extra":[1,{"a":2}]},"fromBrand":false,"createdAt":"2026-11-22T11:15:00.5+01:00","verb":"DELETE","actionable":false,"priority":"urgent","text":"caf\u00e9 \"quoted\"","unknown":{"nested":[true,null]}}
            """);

        Assert.True(ok, error);
        Assert.Equal(new MentionId(Platform.Instagram, "42"), m!.Id);
        Assert.Equal(new MentionId(Platform.Instagram, "41"), m.ParentId);
        Assert.Equal(Channel.Dm, m.Channel);
        Assert.Equal("t-1", m.ThreadKey);
        Assert.Equal(new Author("7", null, null, true), m.Author);
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 10, 15) + Duration.FromMilliseconds(500), m.CreatedAt);
        Assert.Equal(MentionVerb.Delete, m.Verb);
        Assert.False(m.Actionable);
        Assert.Equal(Priority.Urgent, m.Priority);
        Assert.Equal("café \"quoted\"", m.Text);
    }

    [Fact]
    public void TryParse_LeadingByteOrderMark_Ignored()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Minimal)).ToArray();

        Assert.True(JsonlMentionParser.TryParse(bytes, Now, out _, out var error), error);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("platform")]
    [InlineData("account")]
    [InlineData("fromBrand")]
    [InlineData("createdAt")]
    public void TryParse_MissingRequiredProperty_ErrorNamesIt(string name)
    {
        var pattern = $"\"{name}\":(\"[^\"]*\"|true),|,\"{name}\":(\"[^\"]*\"|true)";
        var line = new System.Text.RegularExpressions.Regex(pattern).Replace(Minimal, "", 1);
        Assert.NotEqual(Minimal, line);

        Assert.Equal($"The required property '{name}' is missing.", Error(line));
    }

    [Theory]
    [InlineData("""{"id":"1","platform":"x","account":"a","fromBrand":true,"createdAt":"2026-11-22T10:15:00Z"}""", "'author'")]
    [InlineData("""{"id":"1","platform":"x","account":"a","author":{"handle":"h"},"fromBrand":true,"createdAt":"2026-11-22T10:15:00Z"}""", "'author.id'")]
    public void TryParse_MissingAuthorOrAuthorId_ErrorNamesIt(string line, string name)
    {
        Assert.Contains(name, Error(line));
    }

    [Theory]
    [InlineData("\"createdAt\":\"2026-11-22T10:15:00Z\"", "\"createdAt\":5", "createdAt must be a string, not a number.")]
    [InlineData("\"createdAt\":\"2026-11-22T10:15:00Z\"", "\"createdAt\":\"22/11/2026\"", "createdAt '22/11/2026' is not an ISO-8601 instant")]
    [InlineData("\"createdAt\":\"2026-11-22T10:15:00Z\"", "\"createdAt\":\"2026-11-22T10:15:00\"", "createdAt '2026-11-22T10:15:00' is not")]
    [InlineData("\"fromBrand\":true", "\"fromBrand\":\"yes\"", "fromBrand must be true or false, not a string.")]
    [InlineData("\"id\":\"m1\"", "\"id\":1.5", "id must be a string or a non-negative integer")]
    [InlineData("\"id\":\"m1\"", "\"id\":\"  \"", "id must not be empty.")]
    [InlineData("\"id\":\"m1\"", "\"id\":null", "id must be a string or an integer, not null.")]
    [InlineData("\"account\":\"page1\"", "\"account\":[\"a\"]", "account must be a string, not an array.")]
    [InlineData("\"author\":{\"id\":\"u1\"}", "\"author\":\"u1\"", "author must be an object, not a string.")]
    [InlineData("\"author\":{\"id\":\"u1\"}", "\"author\":{\"id\":\"u1\",\"followers\":-3}", "author.followers must be a non-negative integer")]
    [InlineData("\"author\":{\"id\":\"u1\"}", "\"author\":{\"id\":\"u1\",\"verified\":1}", "author.verified must be true or false")]
    [InlineData("\"platform\":\"facebook\"", "\"platform\":\"myspace\"", "platform 'myspace' is not one of x, facebook")]
    [InlineData("\"platform\":\"facebook\"", "\"platform\":\"facebook\",\"channel\":\"sms\"", "channel 'sms' is not one of")]
    [InlineData("\"platform\":\"facebook\"", "\"platform\":\"facebook\",\"verb\":\"upsert\"", "verb 'upsert' is not one of add, edit or delete.")]
    [InlineData("\"platform\":\"facebook\"", "\"platform\":\"facebook\",\"priority\":\"critical\"", "priority 'critical' is not one of low")]
    [InlineData("\"platform\":\"facebook\"", "\"platform\":\"facebook\",\"actionable\":\"no\"", "actionable must be true or false")]
    [InlineData("\"platform\":\"facebook\"", "\"platform\":\"facebook\",\"receivedAt\":7", "receivedAt must be a string or null")]
    [InlineData("\"platform\":\"facebook\"", "\"platform\":\"facebook\",\"parentId\":\"\"", "parentId must not be empty.")]
    [InlineData("\"platform\":\"facebook\"", "\"platform\":\"facebook\",\"platform\":\"x\"", "Property 'platform' appears twice.")]
    public void TryParse_BadValue_ErrorNamesTheProperty(string original, string replacement, string expected)
    {
        Assert.Contains(original, Minimal);

        Assert.Contains(expected, Error(Minimal.Replace(original, replacement)));
    }

    [Theory]
    [InlineData("{\"id\":", "The line is not valid JSON")]
    [InlineData("{'id':'1'}", "The line is not valid JSON")]
    [InlineData("[1,2]", "The line holds an array, not a JSON object.")]
    [InlineData("\"text\"", "The line holds a string, not a JSON object.")]
    [InlineData("   ", "The line holds no JSON value.")]
    [InlineData("", "The line holds no JSON value.")]
    public void TryParse_NotAJsonObject_Error(string line, string expected)
    {
        Assert.Contains(expected, Error(line));
    }

    [Fact]
    public void TryParse_TrailingContentAfterObject_Error()
    {
        Assert.Contains("not valid JSON", Error(Minimal + " {}"));
    }

    [Fact]
    public void TryParse_NestingDeeperThanLimit_Error()
    {
        var deep = new string('[', JsonlMentionParser.MaxDepth) + new string(']', JsonlMentionParser.MaxDepth);
        var shallow = new string('[', JsonlMentionParser.MaxDepth - 1) + new string(']', JsonlMentionParser.MaxDepth - 1);

        Assert.Equal($"The JSON nests deeper than {JsonlMentionParser.MaxDepth} levels.",
            Error("{\"x\":" + deep + "," + Minimal[1..]));
        Assert.True(Parse("{\"x\":" + shallow + "," + Minimal[1..]).Ok);
        Assert.Contains("deeper than", Error(Minimal.Replace("\"u1\"", "\"u1\",\"x\":" + shallow)));
    }

    [Fact]
    public void TryParse_LineLongerThanOneMebibyte_Error()
    {
        var padding = new string('a', JsonlMentionParser.MaxLineBytes);
        var line = Minimal.Replace("{\"id\"", "{\"pad\":\"" + padding + "\",\"id\"");

        Assert.Contains("longer than 1048576 bytes", Error(line));
    }
}
