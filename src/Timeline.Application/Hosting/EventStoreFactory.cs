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
            return OpenEventStoreDb(uri, limits, cancellationToken);
        throw new EventStoreUnavailableException($"No event store adapter handles '{uri}'.");
    }

    /// <summary>
    /// <c>esdb://…</c> / <c>esdb+discover://…</c>: asks the server (or the cluster's leader) for the head of the log
    /// before returning, so a command fails at once, naming the address it tried, when nothing answers.
    /// </summary>
    private static async Task<IEventStore> OpenEventStoreDb(StoreUri uri, EventStoreLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            return await Timeline.EventStore.EventStoreDb.EventStoreDbEventStore.Connect(uri.Location, limits, cancellationToken);
        }
        catch (FormatException ex)
        {
            throw new EventStoreUnavailableException(ex.Message, ex);
        }
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
