using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Tests.Storage.Tables;

public class PipelineTableEntityTests
{
    private static Dictionary<string, object?> Nullable(Dictionary<string, object> properties) =>
        properties.ToDictionary(p => p.Key, p => (object?)p.Value);

    [Fact]
    public void Rows_PartsWithSeparatorsAndSlashes_AreEscapedIntoValidKeys()
    {
        var key = new ConversationKey(Platform.Facebook, "page|1/2|dm", "t#1?");
        var row = PipelineTableEntity.ConversationRow(key);
        Assert.Equal(["conv", "page|1/2|dm", "t#1?"], TableKeys.Split(row));
        TableKeys.CheckKey(row, "RowKey");
        Assert.Equal("pipe|facebook", PipelineTableEntity.PartitionKey(Platform.Facebook));
    }

    [Fact]
    public void OutboxOf_ReadsBackThePlatformAndTheRunKey_AndRefusesOtherRows()
    {
        const string runKey = "x:Contoso|Coffee/1#2:Add";
        var (platform, run) = PipelineTableEntity.OutboxOf(PipelineTableEntity.PartitionKey(Platform.Instagram), PipelineTableEntity.OutboxRow(runKey));
        Assert.Equal(Platform.Instagram, platform);
        Assert.Equal(runKey, run);
        Assert.Throws<FormatException>(() => PipelineTableEntity.OutboxOf(PipelineTableEntity.PartitionKey(Platform.X), PipelineTableEntity.CaseRow(new CaseId("x:a:1"))));
        Assert.Throws<FormatException>(() => PipelineTableEntity.OutboxOf("kpis|x", PipelineTableEntity.OutboxRow(runKey)));
        Assert.Equal("RowKey ge 'outbox|' and RowKey lt 'outbox}' and Timestamp lt datetime'2026-11-22T10:15:30Z'",
            PipelineTableEntity.StaleOutboxFilter(NodaTime.Instant.FromUtc(2026, 11, 22, 10, 15, 30)));
    }

    [Fact]
    public void SeenRow_DiffersByVerb()
    {
        var account = new PlatformAccountId(Platform.X, "Contoso");
        var id = new MentionId(Platform.X, "17");
        Assert.NotEqual(PipelineTableEntity.SeenRow(new IdempotencyKey(account, id, MentionVerb.Add)),
            PipelineTableEntity.SeenRow(new IdempotencyKey(account, id, MentionVerb.Edit)));
    }

    [Fact]
    public void Conversation_RoundTrips_WithAndWithoutOptionalParts()
    {
        ConversationRecord[] records = [new(new CaseId("x:Contoso:1"), 2), new(null, 1, "9"), new(null, 0)];
        foreach (var record in records)
            Assert.Equal(record, PipelineTableEntity.ToConversation(Nullable(PipelineTableEntity.ConversationProperties(record))));
    }

    [Fact]
    public void Conversation_GenerationReadBackAsInt64_IsAccepted()
    {
        var properties = new Dictionary<string, object?> { ["Generation"] = 3L, ["CurrentCase"] = "x:a:1" };
        Assert.Equal(new ConversationRecord(new CaseId("x:a:1"), 3), PipelineTableEntity.ToConversation(properties));
    }

    [Fact]
    public void ChunkedText_LongerThanOneProperty_IsSplitAndJoinedBack()
    {
        var text = new string('a', TableLimits.MaxStringChars * 2 + 5);
        var properties = PipelineTableEntity.ChunkedText(text);
        Assert.Equal(3, properties["Chunks"]);
        Assert.All(properties.Where(p => p.Key.StartsWith("Json", StringComparison.Ordinal)),
            p => Assert.InRange(((string)p.Value).Length, 1, TableLimits.MaxStringChars));
        Assert.Equal(text, PipelineTableEntity.ReadChunkedText(Nullable(properties)));
        TableEntitySize.Check("pipe|x", "case|x", properties);
    }

    [Fact]
    public void ChunkedText_TooLongForOneEntity_IsRefused()
    {
        var text = new string('a', TableLimits.MaxStringChars * PipelineTableEntity.MaxChunks + 1);
        Assert.Throws<TableLimitException>(() => PipelineTableEntity.ChunkedText(text));
    }

    [Fact]
    public void ReadChunkedText_MissingChunk_IsAFormatError()
    {
        var properties = new Dictionary<string, object?> { ["Chunks"] = 2, ["Json0"] = "{" };
        Assert.Throws<FormatException>(() => PipelineTableEntity.ReadChunkedText(properties));
    }

    [Theory]
    [InlineData("x:ContosoCoffee:1", Platform.X)]
    [InlineData("facebook:123:t_9#2", Platform.Facebook)]
    public void PlatformOf_CaseId_IsItsAccountsPlatform(string id, Platform platform) =>
        Assert.Equal(platform, PipelineTableEntity.PlatformOf(new CaseId(id)));

    [Fact]
    public void PlatformOf_CaseIdWithoutPlatform_IsAFormatError() =>
        Assert.Throws<FormatException>(() => PipelineTableEntity.PlatformOf(new CaseId("nothing")));

    [Fact]
    public void CaseRowsFilter_CoversCaseRowsOnly()
    {
        Assert.Equal("RowKey ge 'case|' and RowKey lt 'case}'", PipelineTableEntity.CaseRowsFilter());
        var row = PipelineTableEntity.CaseRow(new CaseId("x:Contoso:zzz~"));
        Assert.True(string.CompareOrdinal(row, "case|") >= 0 && string.CompareOrdinal(row, "case}") < 0);
        var conversation = PipelineTableEntity.ConversationRow(new ConversationKey(Platform.X, "", "1"));
        Assert.False(string.CompareOrdinal(conversation, "case|") >= 0 && string.CompareOrdinal(conversation, "case}") < 0);
    }
}
