using Timeline.EventStore.Contract;
using Timeline.EventStore.EventStoreDb.Tests.Fake;

namespace Timeline.EventStore.EventStoreDb.Tests.RealServer;

/// <summary>The store contract against a real EventStoreDB, when TIMELINE_ESDB names one; reported skipped otherwise.</summary>
[RequiresEnvironment(RealServer.Variable, RealServer.Reason)]
public sealed class eventstoredb_event_store : EventStoreContract
{
    protected override Task<IEventStore> CreateStore() => Task.FromResult<IEventStore>(RealServer.Connect());
}

/// <summary>
/// The same contract against the in-process fake server, so that every run checks the adapter's mapping of the
/// whole contract onto the protocol, server or no server. Each test gets a fresh fake node.
/// </summary>
public sealed class eventstoredb_event_store_over_the_fake_server : EventStoreContract
{
    private FakeNode? _node;

    protected override async Task<IEventStore> CreateStore()
    {
        _node = await FakeNode.Start();
        return EventStoreDbEventStore.Create(_node.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_node is not null) await _node.DisposeAsync();
    }
}
