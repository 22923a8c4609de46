using SocialSla.Core.Import;

namespace SocialSla.Core.Tests.Import;

public sealed partial class TwcsImportTests
{
    private static string SharedDataFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var data = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(data)) return Path.Combine(data, name);
        }
        throw new DirectoryNotFoundException($"No shared/data directory above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public void Read_CareConversationsDevFile_StructurallySound()
    {
        using var reader = new StreamReader(SharedDataFile("care-conversations-dev.csv"));

        var batch = TwcsImport.Read(reader, new ImportOptions());

        // Facts from the data README: 1,205 messages from 24 brands, 2018-2020.
        Assert.Empty(batch.Issues);
        Assert.Equal(1205, batch.Rows);
        Assert.Equal(1205, batch.Mentions.Count);
        Assert.Equal(24, batch.Mentions.Where(m => m.FromBrand).Select(m => m.Author.Id).Distinct().Count());
        Assert.All(batch.Mentions, m => Assert.InRange(m.CreatedAt.InUtc().Year, 2018, 2020));
        Assert.All(batch.Mentions.Where(m => m.FromBrand), m => Assert.Equal(m.Author.Id, m.Account.Value));

        // Chains rebuilt here from ParentId alone: each customer message's account is a brand author in its chain.
        var byId = batch.Mentions.ToDictionary(m => m.Id);
        var rootOf = new Dictionary<string, string>();
        string Root(SocialSla.Core.Mentions.Mention m)
        {
            var current = m;
            while (current.ParentId is { } parent && byId.TryGetValue(parent, out var next)) current = next;
            return current.Id.ExternalId;
        }
        var brandsByRoot = batch.Mentions.Where(m => m.FromBrand)
            .GroupBy(Root).ToDictionary(g => g.Key, g => g.Select(m => m.Author.Id).ToHashSet());
        Assert.All(batch.Mentions.Where(m => !m.FromBrand),
            m => Assert.Contains(m.Account.Value, brandsByRoot[Root(m)]));
    }
}
