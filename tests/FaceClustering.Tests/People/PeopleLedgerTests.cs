using FaceClustering.Core.People;

namespace FaceClustering.Tests.People;

/// <summary>IDs are given in order and never again: a retired ID stays known and the next person gets a new one.</summary>
public class PeopleLedgerTests
{
    [Fact]
    public void Ids_are_never_reused()
    {
        var ledger = new PeopleLedger();
        var first = ledger.Create();
        var second = ledger.Create();
        Assert.Equal((1, 2), (first.Id, second.Id));
        ledger.Retire(1);
        ledger.Retire(99); // nobody: nothing retired
        Assert.Equal([2], ledger.People.Keys);
        Assert.Equal([1], ledger.Retired);
        Assert.True(ledger.Known(1));
        Assert.True(ledger.Known(2));
        Assert.False(ledger.Known(99));
        Assert.Equal(3, ledger.Create().Id);
    }
}
