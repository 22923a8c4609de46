using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Tests.Storage.Tables;

public class StagedPipelineStateTests
{
    private static StagedPipelineState Loaded(MentionId message, out string row)
    {
        var state = new StagedPipelineState(Platform.X, SlaPolicy.Default);
        row = PipelineTableEntity.RootRow(message);
        state.TryGetChainRoot(message, out _);
        return state;
    }

    [Fact]
    public void Read_RowNotLoaded_IsReportedMissing()
    {
        var state = Loaded(new MentionId(Platform.X, "1"), out var row);
        Assert.Equal([row], state.Missing);
        Assert.Throws<InvalidOperationException>(() => state.Changes());
    }

    [Fact]
    public void Changes_ReadOnlyRun_IsEmpty()
    {
        var state = Loaded(new MentionId(Platform.X, "1"), out var row);
        state.Load(row, null);
        state.Discard();
        Assert.False(state.TryGetChainRoot(new MentionId(Platform.X, "1"), out _));
        Assert.Empty(state.Changes());
    }

    [Fact]
    public void Changes_RunThatWrites_ClaimsTheAbsentRowsItReadAndReplacesTheKeptOnesWithTheirETags()
    {
        var absent = new MentionId(Platform.X, "1");
        var kept = new MentionId(Platform.X, "2");
        var written = new MentionId(Platform.X, "3");
        var state = new StagedPipelineState(Platform.X, SlaPolicy.Default);
        state.Load(PipelineTableEntity.RootRow(absent), null);
        state.Load(PipelineTableEntity.RootRow(kept), new TableEntityData(state.PartitionKey, PipelineTableEntity.RootRow(kept),
            new Dictionary<string, object?> { ["Root"] = "0" }, "e2"));
        state.Load(PipelineTableEntity.RootRow(written), null);
        state.TryGetChainRoot(absent, out _);
        Assert.True(state.TryGetChainRoot(kept, out var root));
        state.SetChainRoot(written, root);

        var changes = state.Changes().ToDictionary(c => c.RowKey);
        Assert.Equal(TableChangeKind.Insert, changes[PipelineTableEntity.RootRow(absent)].Kind);
        Assert.Empty(changes[PipelineTableEntity.RootRow(absent)].Properties);
        Assert.Equal((TableChangeKind.Replace, "e2"), (changes[PipelineTableEntity.RootRow(kept)].Kind, changes[PipelineTableEntity.RootRow(kept)].ETag));
        Assert.Equal("0", changes[PipelineTableEntity.RootRow(written)].Properties["Root"]);
    }

    [Fact]
    public void Read_ClaimEntity_ReadsAsAbsent()
    {
        var message = new MentionId(Platform.X, "1");
        var state = new StagedPipelineState(Platform.X, SlaPolicy.Default);
        state.Load(PipelineTableEntity.RootRow(message), new TableEntityData(state.PartitionKey, PipelineTableEntity.RootRow(message), new Dictionary<string, object?>(), "e1"));
        Assert.False(state.TryGetChainRoot(message, out _));
    }
}
