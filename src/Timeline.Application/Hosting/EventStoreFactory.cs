using Timeline.EventStore;
using Timeline.EventStore.Memory;
using Timeline.EventStore.Sqlite;

namespace Timeline.Application.Hosting;

/// <summary>Opens the event store a <see cref="StoreUri"/> names (from <c>--store</c> or <c>TIMELINE_STORE</c>).</summary>
public static class EventStoreFactory
{
    /// <summary>
    /// <c>sqlite:PATH</c> opens (and creates, folder included) the embedded store; <c>memory:</c> a fresh in-process
    /// store. Throws <see cref="EventStoreUnavailableException"/> when the store cannot be opened.
    /// </summary>
    public static Task<IEventStore> Open(StoreUri uri, EventStoreLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        cancellationToken.ThrowIfCancellationRequested();
        limits ??= EventStoreLimits.Default;
        if (uri.IsSqlite)
            return Task.FromResult<IEventStore>(SqliteEventStore.OpenLocation(uri.Location, SqliteStoreOptions.Default with { Limits = limits }));
        if (uri.IsMemory)
            return Task.FromResult<IEventStore>(new MemoryEventStore(limits));
        if (uri.IsEventStoreDb)
            throw new EventStoreUnavailableException(
                $"The EventStoreDB adapter is not in this build, so '{uri}' cannot be opened; use sqlite:PATH or memory:.");
        throw new EventStoreUnavailableException($"No event store adapter handles '{uri}'.");
    }

    /// <summary>Parses <paramref name="text"/> as a store URI and opens it.</summary>
    public static Task<IEventStore> Open(string text, CancellationToken cancellationToken = default)
    {
        StoreUri uri;
        try
        {
            uri = StoreUri.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new EventStoreUnavailableException(ex.Message, ex);
        }
        return Open(uri, cancellationToken: cancellationToken);
    }
}
