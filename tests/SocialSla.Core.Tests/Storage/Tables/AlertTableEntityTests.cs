using SocialSla.Core.Storage.Tables;
using SocialSla.Core.Tests.Support;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Storage.Tables;

public class AlertTableEntityTests
{
    private static Core.Alerts.SlaAlert RaisedAlert()
    {
        var host = new SimulatedHost();
        host.Deliver(Customer("1", 0));
        host.RunUntil(At(120));
        return host.Alerts[0];
    }

    [Fact]
    public void AddressOf_AlertIdWithSlashes_IsAValidEscapedRowKey()
    {
        var alert = RaisedAlert();
        var address = AlertTableEntity.AddressOf(alert.Id.ToString());
        Assert.DoesNotContain('/', address.RowKey);
        Assert.Equal(alert.Id.ToString(), TableKeys.Unescape(address.RowKey));
    }

    [Fact]
    public void Acknowledge_Twice_KeepsTheFirst()
    {
        var stored = AlertTableEntity.ToProperties(RaisedAlert()).ToDictionary(p => p.Key, p => (object?)p.Value);
        var acked = AlertTableEntity.Acknowledge(stored, "lead@contoso", At(130))!;
        var again = AlertTableEntity.Acknowledge(acked.ToDictionary(p => p.Key, p => (object?)p.Value), "other", At(140));

        Assert.Null(again);
        Assert.Equal((At(130), "lead@contoso"), AlertTableEntity.Acknowledgement(acked.ToDictionary(p => p.Key, p => (object?)p.Value)));
        Assert.Null(AlertTableEntity.Acknowledgement(stored));
        TableEntitySize.Check(AlertTableEntity.Partition, "r", acked);
    }

    [Fact]
    public async Task AcknowledgeAsync_MissingTwiceAndRacing_AnswersTheAcknowledgementInForce()
    {
        var table = new MemoryTransactionTable();
        var alert = RaisedAlert();
        var id = alert.Id.ToString();
        Assert.Null(await AlertTableEntity.AcknowledgeAsync(table, id, "lead", At(130)));

        var address = AlertTableEntity.AddressOf(id);
        await table.InsertAsync(address.PartitionKey, address.RowKey, AlertTableEntity.ToProperties(alert), default);
        table.BeforeSubmit = () => AlertTableEntity.AcknowledgeAsync(table, id, "rival", At(129));
        Assert.Equal((At(129), "rival"), await AlertTableEntity.AcknowledgeAsync(table, id, "lead", At(130)));
        Assert.Equal((At(129), "rival"), await AlertTableEntity.AcknowledgeAsync(table, id, "late", At(140)));
    }
}
