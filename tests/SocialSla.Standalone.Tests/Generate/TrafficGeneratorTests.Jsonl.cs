using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SocialSla.Standalone.Generate;

namespace SocialSla.Standalone.Tests.Generate;

public sealed partial class TrafficGeneratorTests
{
    private static readonly Lazy<string[]> Jsonl10k = new(() =>
    {
        var text = Render(new GenerateOptions(10_000, 11, GenerateFormat.Jsonl, Start));
        Assert.EndsWith("\n", text);
        return text[..^1].Split('\n');
    });

    private static readonly string[] RequiredProperties =
        ["id", "platform", "account", "channel", "parentId", "threadKey", "author", "fromBrand", "text", "createdAt",
         "receivedAt", "verb", "actionable", "priority", "url"];

    [Fact]
    public void Write_Jsonl_EveryLineIsOneObjectWithTheRequiredFields()
    {
        var lines = Jsonl10k.Value;
        Assert.Equal(10_000, lines.Length);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            Assert.Equal(JsonValueKind.Object, root.ValueKind);
            foreach (var name in RequiredProperties) Assert.True(root.TryGetProperty(name, out _), $"missing {name}: {line}");
            Assert.False(string.IsNullOrEmpty(root.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(root.GetProperty("account").GetString()));
            Assert.False(string.IsNullOrEmpty(root.GetProperty("author").GetProperty("id").GetString()));
            Assert.Equal(JsonValueKind.String, root.GetProperty("text").ValueKind);
            Assert.Contains(root.GetProperty("fromBrand").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.Equal("add", root.GetProperty("verb").GetString());
            Assert.Contains(root.GetProperty("priority").GetString(), new[] { "low", "normal", "high", "urgent" });
            var created = InstantPattern.ExtendedIso.Parse(root.GetProperty("createdAt").GetString()!);
            var received = InstantPattern.ExtendedIso.Parse(root.GetProperty("receivedAt").GetString()!);
            Assert.True(created.Success && received.Success, line);
            Assert.True(received.Value > created.Value, line);
            Assert.EndsWith("Z", root.GetProperty("createdAt").GetString());
        }
    }

    [Fact]
    public void Write_Jsonl_MixesXMentionsMessengerDmsAndFacebookComments()
    {
        var byPlatform = Jsonl10k.Value.Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(e => (e.GetProperty("platform").GetString(), e.GetProperty("channel").GetString()))
            .ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(
            [("facebook", "public_comment"), ("messenger", "dm"), ("x", "mention")],
            byPlatform.Keys.Order().ToArray());
        Assert.True(byPlatform[("x", "mention")].Count > byPlatform[("messenger", "dm")].Count);

        foreach (var dm in byPlatform[("messenger", "dm")])
        {
            var threadKey = dm.GetProperty("threadKey").GetString()!;
            var account = dm.GetProperty("account").GetString();
            Assert.StartsWith(account + ":", threadKey);
            if (!dm.GetProperty("fromBrand").GetBoolean())
                Assert.Equal(account + ":" + dm.GetProperty("author").GetProperty("id").GetString(), threadKey);
            else
                Assert.Equal(account, dm.GetProperty("author").GetProperty("id").GetString());
            Assert.Equal(JsonValueKind.Null, dm.GetProperty("parentId").ValueKind);
        }
        foreach (var mention in byPlatform[("x", "mention")])
        {
            Assert.Equal(JsonValueKind.Null, mention.GetProperty("threadKey").ValueKind);
            Assert.StartsWith("@", mention.GetProperty("text").GetString());
        }
    }

    [Fact]
    public void Write_Jsonl_ParentsExistAndShareTheConversation()
    {
        var elements = Jsonl10k.Value.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var byId = new Dictionary<string, JsonElement>();
        foreach (var e in elements) byId.TryAdd(e.GetProperty("platform").GetString() + ":" + e.GetProperty("id").GetString(), e);

        var replies = 0;
        foreach (var e in byId.Values)
        {
            if (e.GetProperty("parentId").GetString() is not { } parentId) continue;
            replies++;
            var parent = byId[e.GetProperty("platform").GetString() + ":" + parentId];
            Assert.Equal(parent.GetProperty("account").GetString(), e.GetProperty("account").GetString());
            Assert.Equal(parent.GetProperty("threadKey").GetString(), e.GetProperty("threadKey").GetString());
            Assert.True(InstantPattern.ExtendedIso.Parse(parent.GetProperty("createdAt").GetString()!).Value
                < InstantPattern.ExtendedIso.Parse(e.GetProperty("createdAt").GetString()!).Value);
        }
        Assert.True(replies > elements.Count / 3);
    }

    [Fact]
    public void Write_Jsonl_MatchesGenerate()
    {
        var mentions = TrafficGenerator.Generate(new GenerateOptions(10_000, 11, GenerateFormat.Jsonl, Start)).ToList();
        var lines = Jsonl10k.Value;

        Assert.Equal(lines.Length, mentions.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            var e = JsonDocument.Parse(lines[i]).RootElement;
            var m = mentions[i];
            Assert.Equal(m.Id.ExternalId, e.GetProperty("id").GetString());
            Assert.Equal(m.Text, e.GetProperty("text").GetString());
            Assert.Equal(m.ThreadKey, e.GetProperty("threadKey").GetString());
            Assert.Equal(m.CreatedAt, InstantPattern.ExtendedIso.Parse(e.GetProperty("createdAt").GetString()!).Value);
            Assert.Equal(m.ReceivedAt, InstantPattern.ExtendedIso.Parse(e.GetProperty("receivedAt").GetString()!).Value);
            Assert.Equal(m.Author.Followers, e.GetProperty("author").GetProperty("followers") is { ValueKind: JsonValueKind.Number } f ? f.GetInt64() : null);
        }
    }

    [Fact]
    public void Write_Jsonl_LateDeliveriesAreReceivedAfterTheirReply()
    {
        var mentions = TrafficGenerator.Generate(new GenerateOptions(10_000, 11, GenerateFormat.Jsonl, Start)).ToList();
        var position = new Dictionary<Core.Mentions.MentionId, int>();
        for (var i = 0; i < mentions.Count; i++) position.TryAdd(mentions[i].Id, i);

        var early = mentions.Where((m, i) => m.ParentId is { } p && position[p] > i).ToList();

        Assert.NotEmpty(early);
        foreach (var child in early)
        {
            var parent = mentions[position[child.ParentId!.Value]];
            Assert.True(parent.ReceivedAt > child.ReceivedAt, $"late parent {parent.Id} was received before {child.Id}");
            Assert.True(parent.CreatedAt < child.CreatedAt);
        }
    }
}
