using Timeline.EventStore.Contract;
using Timeline.EventStore.Memory;
using Timeline.EventStore.Sqlite;

namespace Timeline.EventStore.Tests;

public sealed class memory_event_store : EventStoreContract
{
    protected override Task<IEventStore> CreateStore() => Task.FromResult<IEventStore>(new MemoryEventStore());
}

public sealed class sqlite_event_store : EventStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IEventStore> CreateStore() => Task.FromResult<IEventStore>(SqliteEventStore.Open(_folder.File("events.db")));

    public void Dispose() => _folder.Dispose();
}
