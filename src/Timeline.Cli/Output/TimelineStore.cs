using Timeline.EventStore;
using Timeline.EventStore.Memory;

namespace Timeline.Cli.Output;

/// <summary>Opens the event store a timeline command reads.</summary>
public static class TimelineStore
{
    public static IEventStore Open(StoreUri uri, string dataDirectory) => uri.IsMemory
        ? new MemoryEventStore()
        : throw new EventStoreUnavailableException($"The {uri.Scheme} store adapter is not part of this build yet.");
}
