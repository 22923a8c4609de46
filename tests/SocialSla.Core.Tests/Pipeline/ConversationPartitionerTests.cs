using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Pipeline;

public class ConversationPartitionerTests
{
    [Fact]
    public void Partition_ReplyChainInAnyOrder_IsOneGroup()
    {
        Mention[] mentions =
        [
            Customer("3", 30, "2"), Customer("9", 1, author: "200009"), Reply("2", 20, "1"), Customer("1", 0), Reply("4", 40, "3"),
        ];
        var groups = ConversationPartitioner.Partition(mentions, out var count);
        Assert.Equal(2, count);
        Assert.Equal([0, 1, 0, 0, 0], groups);
    }

    [Fact]
    public void Partition_ThreadKeys_GroupByAccountChannelAndKey()
    {
        var page = new PlatformAccountId(Platform.Messenger, "1048");
        var other = new PlatformAccountId(Platform.Messenger, "2048");
        Mention[] mentions =
        [
            Customer("m1", 0, channel: Channel.Dm, threadKey: "t1", account: page),
            Customer("m2", 1, channel: Channel.Dm, threadKey: "t1", account: other),
            Reply("m3", 2, null, channel: Channel.Dm, threadKey: "t1", account: page),
            Customer("m4", 3, channel: Channel.PublicComment, threadKey: "t1", account: page),
        ];
        var groups = ConversationPartitioner.Partition(mentions, out var count);
        Assert.Equal(3, count);
        Assert.Equal(groups[0], groups[2]);
        Assert.NotEqual(groups[0], groups[1]);
        Assert.NotEqual(groups[0], groups[3]);
    }

    [Fact]
    public void Partition_Duplicates_LandInTheSameGroup()
    {
        Mention[] mentions = [Customer("1", 0), Customer("5", 0, author: "2"), Customer("1", 0)];
        var groups = ConversationPartitioner.Partition(mentions, out var count);
        Assert.Equal(2, count);
        Assert.Equal(groups[0], groups[2]);
    }
}
