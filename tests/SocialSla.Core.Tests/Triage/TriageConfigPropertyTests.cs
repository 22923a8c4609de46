using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Mentions;
using SocialSla.Core.Tests.Support;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Tests.Triage;

/// <summary>Issue #8: hostile triage sections, VIP CSV files and labelled sentiment files. Each reader answers a value
/// or a reason, never throws, and ends within the time and allocation bound.</summary>
public sealed class TriageConfigPropertyTests
{
    private static readonly byte[] Triage = Encoding.UTF8.GetBytes("""
        { "brands": [ { "account": "x:ContosoCoffee", "keywords": ["contoso"], "exclusions": ["contoso corp"] } ],
          "noise": { "linkSpamLinks": 2, "promotionTerms": ["giveaway"], "duplicateAuthors": 4, "duplicateMinWords": 6,
                     "duplicateMemory": 1024, "botAuthorIds": ["42"], "botHandleDigits": 6, "botMaxFollowers": 3 },
          "actionableChannels": ["dm", "review"],
          "priority": { "highFollowers": 5000, "urgentFollowers": 0, "verified": "normal", "negativeSentiment": -0.6,
                        "addUrgentTerms": ["recall notice"], "highTerms": ["voucher"], "highVelocity": 50, "urgentVelocity": 0,
                        "vipPriority": "urgent", "vipFile": "vips.csv",
                        "vips": [ { "platform": "x", "handle": "janedoe" }, { "id": "99", "priority": "high" } ] },
          "routing": { "defaultQueue": "care",
                       "rules": [ { "name": "billing", "when": { "terms": ["refund*"], "channels": ["dm"], "platforms": ["x"],
                                    "accounts": ["x:ContosoCoffee"], "languages": ["en", "es"] },
                                    "tags": ["billing"], "queue": "billing-team", "stop": true } ] }
        }
        """);

    private static readonly byte[] Vips = Encoding.UTF8.GetBytes(
        "name,platform,handle,id,priority,tier\nJane,x,@JaneDoe,,urgent,gold\nBob,facebook,,10042,,\n\"Smith, \"\"Al\"\"\",instagram,al.smith,,high,\n");

    private static readonly byte[] Labelled = Encoding.UTF8.GetBytes(
        "text,sentiment\n\"my order is late, again\",negative\nthanks!,positive\nok,neutral\n");

    private static readonly byte[][] Seeds = [Triage, Vips, Labelled];

    private static void ReadEverywhere(byte[] bytes, byte[] vipFile)
    {
        var text = Encoding.UTF8.GetString(bytes);
        HostileInput.Bounded(bytes.Length + vipFile.Length, () =>
        {
            var ok = TriageOptionsParser.TryParse(text, _ => new StreamReader(new MemoryStream(vipFile), Encoding.UTF8), out var options, out var error);
            Assert.Equal(ok, options is not null);
            Assert.Equal(ok, error is null);

            ok = VipList.TryRead(new StringReader(text), Priority.High, out var list, out error);
            Assert.Equal(ok, list is not null);
            Assert.Equal(ok, error is null);

            ok = LabelledTextReader.TryRead(new StringReader(text), out var documents, out var skipped, out error);
            Assert.Equal(ok, error is null);
            Assert.True(skipped >= 0);
            Assert.NotNull(documents);
            return 0;
        });
    }

    [Fact]
    public void Seeds_AreValid()
    {
        Assert.True(TriageOptionsParser.TryParse(Encoding.UTF8.GetString(Triage), _ => new StreamReader(new MemoryStream(Vips)), out _, out var error), error);
        Assert.True(VipList.TryRead(new StringReader(Encoding.UTF8.GetString(Vips)), Priority.High, out var list, out error), error);
        Assert.Equal(3, list.Count);
        Assert.True(LabelledTextReader.TryRead(new StringReader(Encoding.UTF8.GetString(Labelled)), out var documents, out _, out error), error);
        Assert.Equal(3, documents.Count);
    }

    [Property(MaxTest = 300)]
    public Property Prop_MutatedFilesAreReadOrGiveAReason() =>
        Prop.ForAll(HostileInput.Mutations(Seeds.Length), HostileInput.Mutations(1), (m, vip) =>
        {
            ReadEverywhere(HostileInput.Apply(Seeds[m.Seed], m.Edits), HostileInput.Apply(Vips, vip.Edits));
            return true;
        });

    [Property(MaxTest = 200)]
    public Property Prop_RandomBytesAreReadOrGiveAReason() =>
        Prop.ForAll(HostileInput.RandomBytes(), body =>
        {
            ReadEverywhere(body, body);
            return true;
        });

    [Theory]
    [InlineData("""{ "routing": { "defaultQueue": "\ud800" } }""", "routing.defaultQueue")]
    [InlineData("""{ "\udc00": {} }""", "member name")]
    public void TryParse_UnpairedSurrogateEscape_FalseNamingWhere(string json, string expected)
    {
        // Regression (issue #8): these threw InvalidOperationException out of TryParse.
        Assert.False(TriageOptionsParser.TryParse(json, null, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryParse_100000LevelsOfNesting_FalseWithReason()
    {
        foreach (var body in new[] { HostileInput.NestedJsonArrays(), HostileInput.NestedJsonObjects(), HostileInput.NestedInside(Triage) })
        {
            ReadEverywhere(body, Vips);
            Assert.False(TriageOptionsParser.TryParse(Encoding.UTF8.GetString(body), null, out _, out var error));
            Assert.False(string.IsNullOrWhiteSpace(error));
        }
    }

    [Theory]
    [InlineData("handle,id\n@,\n")]
    [InlineData("platform,handle\nx,@@\n")]
    public void VipTryRead_HandleOfOnlyAt_FalseNamingTheLine(string csv)
    {
        // Regression (issue #8): the row passed the reader's check, then the list's constructor threw ArgumentException.
        Assert.False(VipList.TryRead(new StringReader(csv), Priority.High, out _, out var error));
        Assert.Contains("line 2", error);
    }
}
