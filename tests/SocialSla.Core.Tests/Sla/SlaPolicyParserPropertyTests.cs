using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Sla;
using SocialSla.Core.Tests.Support;

namespace SocialSla.Core.Tests.Sla;

/// <summary>Issue #8: hostile policy files. The parser answers a policy or a reason, never throws, and ends within the
/// time and allocation bound.</summary>
public sealed class SlaPolicyParserPropertyTests
{
    private static readonly byte[][] Seeds =
    [
        Encoding.UTF8.GetBytes("""
            { "autoResolveAfter": "12h", "reopenWindow": "2d", "botAuthorIds": ["42"], "botMarkers": ["#bot"],
              "calendars": { "office": { "zone": "Europe/Berlin", "hours": "mon-fri 09:00-12:30, 13:30-17:00", "holidays": ["2026-12-25"] } },
              "rules": [ { "name": "office", "when": { "channels": ["dm"], "priorities": ["high"], "platforms": ["x"], "accounts": ["x:ContosoCoffee"], "tags": ["vip"] },
                           "firstReply": "30m", "nextReply": "1h", "resolution": "off", "calendar": "office" },
                         { "name": "default", "firstReply": "1h" } ] }
            """),
        Encoding.UTF8.GetBytes("""{ "rules": [ { "name": "a", "firstReply": "15m" } ] }"""),
    ];

    private static void Parse(byte[] bytes)
    {
        var json = Encoding.UTF8.GetString(bytes);
        HostileInput.Bounded(bytes.Length, () =>
        {
            var ok = SlaPolicyParser.TryParse(json, out var policy, out var error);
            Assert.Equal(ok, policy is not null);
            Assert.Equal(ok, error is null);
            return 0;
        });
    }

    [Fact]
    public void Seeds_AreValidPolicies() =>
        Assert.All(Seeds, s => Assert.True(SlaPolicyParser.TryParse(Encoding.UTF8.GetString(s), out _, out var error), error));

    [Property(MaxTest = 300)]
    public Property Prop_MutatedPoliciesParseOrGiveAReason() =>
        Prop.ForAll(HostileInput.Mutations(Seeds.Length), m =>
        {
            Parse(HostileInput.Apply(Seeds[m.Seed], m.Edits));
            return true;
        });

    [Property(MaxTest = 200)]
    public Property Prop_RandomBytesParseOrGiveAReason() =>
        Prop.ForAll(HostileInput.RandomBytes(), body =>
        {
            Parse(body);
            return true;
        });

    [Theory]
    [InlineData("""{ "rules": [ { "name": "\ud800", "firstReply": "15m" } ] }""", "rules[0].name")]
    [InlineData("""{ "botAuthorIds": ["\udfff"] }""", "botAuthorIds[0]")]
    [InlineData("""{ "\ud800": 1 }""", "member name")]
    public void TryParse_UnpairedSurrogateEscape_FalseNamingWhere(string json, string expected)
    {
        // Regression (issue #8): these threw InvalidOperationException out of TryParse.
        Assert.False(SlaPolicyParser.TryParse(json, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryParse_100000LevelsOfNesting_FalseWithReason()
    {
        foreach (var body in new[] { HostileInput.NestedJsonArrays(), HostileInput.NestedJsonObjects(), HostileInput.NestedInside(Seeds[0]) })
        {
            Parse(body);
            Assert.False(SlaPolicyParser.TryParse(Encoding.UTF8.GetString(body), out _, out var error));
            Assert.False(string.IsNullOrWhiteSpace(error));
        }
    }
}
