using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Cli;

public class ReplayCommandTests
{
    private const string Header = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";

    [Fact]
    public void Replay_MissingFile_ExitsWithCode2AndOneLine()
    {
        var (exit, output, error) = CliRunner.Run("replay", "/nonexistent/file.csv");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("/nonexistent/file.csv", error);
    }

    [Fact]
    public void Replay_UnknownExtensionWithoutFormat_ExitsWithCode2()
    {
        using var files = new TempFiles();
        var (exit, _, error) = CliRunner.Run("replay", files.Write("export.txt", Header));
        Assert.Equal(2, exit);
        Assert.Contains("--format", error);
    }

    [Fact]
    public void Replay_EmptyFile_GivesAZeroReport()
    {
        using var files = new TempFiles();
        var report = CliRunner.ReplayJson(files.Write("empty.csv", ""));
        Assert.Equal(0, report.GetProperty("cases").GetInt64());
        Assert.Equal(0, report.GetProperty("input").GetProperty("rows").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, report.GetProperty("responseRate").ValueKind);
    }

    [Fact]
    public void Replay_MalformedRow_IsReportedWithItsLineAndSkipped()
    {
        using var files = new TempFiles();
        var path = files.Write("bad.csv", Header +
            "1,500,True,Wed May 02 16:14:43 +0000 2018,\"@Acme my\nparcel is late\",2,\n" +
            "9,501,True,yesterday,@Acme hello,,\n" +
            "2,Acme,False,Wed May 02 16:20:43 +0000 2018,@500 sorry,,1\n");
        var (exit, output, error) = CliRunner.Run("replay", path, "--json");

        Assert.Equal(0, exit);
        Assert.Contains("bad.csv:4:", error);
        using var report = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(1, report.RootElement.GetProperty("input").GetProperty("skipped").GetInt64());
        Assert.Equal(1, report.RootElement.GetProperty("cases").GetInt64());
        Assert.Equal(360, report.RootElement.GetProperty("firstReply").GetProperty("meanSeconds").GetDouble());
    }

    [Fact]
    public void Replay_MalformedRowWithStrict_StopsWithCode1()
    {
        using var files = new TempFiles();
        var path = files.Write("bad.csv", Header + "9,501,True,yesterday,@Acme hello,,\n");
        var (exit, output, error) = CliRunner.Run("replay", path, "--strict");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("bad.csv:2:", error);
    }

    [Fact]
    public void Replay_SameRowTwice_IsCountedOnce()
    {
        using var files = new TempFiles();
        const string row = "1,500,True,Wed May 02 16:14:43 +0000 2018,@Acme help,2,\n";
        var path = files.Write("dup.csv", Header + row + row + "2,Acme,False,Wed May 02 16:24:43 +0000 2018,@500 hi,,1\n");
        var report = CliRunner.ReplayJson(path);
        Assert.Equal(1, report.GetProperty("cases").GetInt64());
        Assert.Equal(1, report.GetProperty("input").GetProperty("duplicates").GetInt64());
        Assert.Equal(2, report.GetProperty("mentions").GetProperty("received").GetInt64());
        Assert.Equal(1, report.GetProperty("response").GetProperty("count").GetInt64());
    }

    [Fact]
    public void Replay_ReplyListedBeforeItsParent_StillThreads()
    {
        using var files = new TempFiles();
        var path = files.Write("order.csv", Header +
            "3,500,True,Wed May 02 17:00:00 +0000 2018,@Acme still broken,4,2\n" +
            "2,Acme,False,Wed May 02 16:20:00 +0000 2018,@500 try again,3,1\n" +
            "4,Acme,False,Wed May 02 17:05:00 +0000 2018,@500 fixed,,3\n" +
            "1,500,True,Wed May 02 16:00:00 +0000 2018,@Acme broken,2,\n");
        var report = CliRunner.ReplayJson(path, "--first-reply-target", "15m");
        Assert.Equal(1, report.GetProperty("cases").GetInt64());
        Assert.Equal(1200, report.GetProperty("firstReply").GetProperty("meanSeconds").GetDouble());
        Assert.Equal(2, report.GetProperty("response").GetProperty("count").GetInt64());
        Assert.Equal(1, report.GetProperty("alerts").GetProperty("firstReply").GetProperty("breached").GetInt64());
        Assert.Equal(0, report.GetProperty("alerts").GetProperty("nextReply").GetProperty("breached").GetInt64());
        Assert.Equal(1, report.GetProperty("brands").GetProperty("Acme").GetProperty("cases").GetInt64());
    }

    [Fact]
    public void Replay_Jsonl_UsesThreadKeysAndPolicy()
    {
        using var files = new TempFiles();
        var policy = files.Write("policy.json", """{ "rules": [ { "name": "dm", "when": { "channels": ["dm"] }, "firstReply": "5m" } ] }""");
        var path = files.Write("m.jsonl", string.Join('\n',
            """{"id":"m1","platform":"messenger","account":"1048","channel":"dm","threadKey":"1048:7","author":{"id":"7"},"fromBrand":false,"text":"where is my refund?","createdAt":"2026-11-02T09:00:00Z"}""",
            """{"id":"m2","platform":"messenger","account":"1048","channel":"dm","threadKey":"1048:7","author":{"id":"1048"},"fromBrand":true,"text":"checking","createdAt":"2026-11-02T09:06:00Z"}""",
            ""));
        var report = CliRunner.ReplayJson(path, "--policy", policy);
        Assert.Equal(1, report.GetProperty("cases").GetInt64());
        Assert.Equal(360, report.GetProperty("firstReply").GetProperty("meanSeconds").GetDouble());
        Assert.Equal(1, report.GetProperty("alerts").GetProperty("firstReply").GetProperty("breached").GetInt64());
    }

    [Fact]
    public void Replay_BadPolicy_ExitsWithCode2AndTheReason()
    {
        using var files = new TempFiles();
        var policy = files.Write("policy.json", """{ "rules": [ { "name": "x", "firstReply": "soon" } ] }""");
        var (exit, _, error) = CliRunner.Run("replay", files.Write("e.csv", ""), "--policy", policy);
        Assert.Equal(2, exit);
        Assert.Contains("rules[0].firstReply", error);
    }

    [Fact]
    public void Replay_TextReport_ShowsTheHeadlineNumbers()
    {
        using var files = new TempFiles();
        var path = files.Write("one.csv", Header +
            "1,500,True,Wed May 02 16:00:00 +0000 2018,@Acme broken,2,\n" +
            "2,Acme,False,Wed May 02 16:10:00 +0000 2018,@500 on it,,1\n");
        var (exit, output, _) = CliRunner.Run("replay", path);
        Assert.Equal(0, exit);
        Assert.Contains("1 opened, 1 answered (100.0 %)", output);
        Assert.Contains("mean 10m 0s", output);
    }

    [Fact]
    public void Replay_WithTriage_ReportsTriageInTextAndJson()
    {
        using var files = new TempFiles();
        var path = files.Write("t.csv", Header +
            "1,500,True,Wed May 02 16:14:43 +0000 2018,@Acme my parcel is late and this is terrible,2,\n" +
            "2,Acme,False,Wed May 02 16:20:43 +0000 2018,@500 sorry! we are on it,3,1\n" +
            "3,500,True,Wed May 02 16:30:43 +0000 2018,@Acme great it arrived thanks so much,,2\n" +
            "4,501,True,Wed May 02 17:00:00 +0000 2018,@Acme free followers http://a.example http://b.example http://c.example,,\n" +
            "5,502,True,Wed May 02 17:05:00 +0000 2018,@Acme I need a refund for my order,,\n");
        var triage = files.Write("triage.json", """
            { "routing": { "rules": [ { "name": "billing", "when": { "terms": ["refund*"] }, "tags": ["billing"], "queue": "billing-team" } ] } }
            """);

        var json = CliRunner.ReplayJson(path, "--triage", triage).GetProperty("triage");
        Assert.Equal(4, json.GetProperty("mentions").GetInt64());
        Assert.Equal(1, json.GetProperty("noise").GetInt64());
        Assert.Equal(1, json.GetProperty("noiseReasons").GetProperty("linkSpam").GetInt64());
        Assert.Equal(2, json.GetProperty("actionable").GetInt64());              // the thanks after the reply is not
        Assert.Equal(4, json.GetProperty("priority").EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Equal(1, json.GetProperty("sentimentChange").GetProperty("cases").GetInt64());
        Assert.Equal(1, json.GetProperty("sentimentChange").GetProperty("improved").GetInt64());
        Assert.Equal(1, json.GetProperty("queues").GetProperty("billing-team").GetInt64());
        Assert.Equal(1, json.GetProperty("tags").GetProperty("billing").GetInt64());

        var (exit, text, _) = CliRunner.Run("replay", path, "--triage", triage);
        Assert.Equal(0, exit);
        Assert.Contains("Triage       4 customer messages: 2 actionable, 1 noise", text);
        Assert.Contains("1 improved", text);
    }

    [Fact]
    public void Replay_TriageSectionOfAServeConfiguration_IsTaken()
    {
        using var files = new TempFiles();
        var path = files.Write("t.csv", Header + "1,500,True,Wed May 02 16:14:43 +0000 2018,@Acme where is my parcel?,,\n");
        var config = files.Write("serve.json", """{ "database": "x.db", "triage": { "routing": { "defaultQueue": "care" } } }""");
        var json = CliRunner.ReplayJson(path, "--triage", config).GetProperty("triage");
        Assert.Equal(1, json.GetProperty("queues").GetProperty("care").GetInt64());
    }

    [Fact]
    public void Replay_InvalidTriage_ExitsWithCode2()
    {
        using var files = new TempFiles();
        var (exit, _, error) = CliRunner.Run("replay", files.Write("e.csv", ""), "--triage", files.Write("t.json", """{ "noise": { "linkSpamLinkz": 2 } }"""));
        Assert.Equal(2, exit);
        Assert.Contains("linkSpamLinkz", error);
    }

    [Fact]
    public void Replay_WithoutTriage_HasNoTriageMember() =>
        Assert.False(CliRunner.ReplayJson(new TempFiles().Write("e.csv", "")).TryGetProperty("triage", out _));
}
