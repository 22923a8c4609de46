namespace SocialSla.Standalone.Tests.Generate;

/// <summary>One parsed TWCS row.</summary>
internal sealed record TwcsRow(string TweetId, string AuthorId, bool Inbound, string CreatedAt, string Text,
    string[] ResponseIds, string? InResponseTo, string[] Raw)
{
    public static TwcsRow From(string[] fields)
    {
        Assert.Equal(7, fields.Length);
        Assert.True(fields[2] is "True" or "False", $"inbound was '{fields[2]}'");
        return new TwcsRow(fields[0], fields[1], fields[2] == "True", fields[3], fields[4],
            fields[5].Length == 0 ? [] : fields[5].Split(','), fields[6].Length == 0 ? null : fields[6], fields);
    }
}
