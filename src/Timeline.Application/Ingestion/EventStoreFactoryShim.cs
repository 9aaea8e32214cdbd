using Timeline.EventStore;
using Timeline.EventStore.Memory;

namespace Timeline.Application.Hosting;

/// <summary>
/// TEMPORARY stand-in until the store branch lands <c>Hosting/EventStoreFactory</c> on main (same name and signature,
/// so callers do not change). Delete this file when merging main brings the real factory.
/// </summary>
public static class EventStoreFactory
{
    public static Task<IEventStore> Open(StoreUri uri, EventStoreLimits? limits = null, CancellationToken cancellationToken = default)
    {
        if (uri.IsMemory) return Task.FromResult<IEventStore>(new MemoryEventStore(limits));
        throw new EventStoreUnavailableException($"'{uri}' cannot be opened by this build yet (only memory: until the SQLite adapter lands).");
    }
}
