namespace Timeline.EventStore;

/// <summary>Reads streams and the global log. Streams that do not exist read as empty.</summary>
public interface IEventStoreReader
{
    /// <summary>Events of one stream from <paramref name="fromRevision"/> (inclusive; null = the start or, backwards, the end).</summary>
    IAsyncEnumerable<RecordedEvent> ReadStream(string stream, ReadDirection direction, ulong? fromRevision = null,
        long maxCount = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Events of the global log from <paramref name="from"/> (inclusive; <see cref="LogPosition.Start"/> or <see cref="LogPosition.End"/>).</summary>
    IAsyncEnumerable<RecordedEvent> ReadAll(ReadDirection direction, LogPosition from,
        long maxCount = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>A stream's last revision, or no-stream.</summary>
    Task<StreamState> GetStreamState(string stream, CancellationToken cancellationToken = default);

    /// <summary>The position of the last event in the log, or null when the log is empty.</summary>
    Task<LogPosition?> GetHeadPosition(CancellationToken cancellationToken = default);

    /// <summary>
    /// A catch-up subscription to <c>$all</c>: history after <paramref name="start"/>, then <see cref="SubscriptionMessage.CaughtUp"/>
    /// once, then live events, in log order with no gap and no duplicate. Ends when cancelled.
    /// </summary>
    IAsyncEnumerable<SubscriptionMessage> SubscribeToAll(SubscriptionStart start, SubscriptionFilter? filter = null,
        CancellationToken cancellationToken = default);
}

/// <summary>Appends to streams.</summary>
public interface IEventStoreWriter
{
    /// <summary>
    /// Appends all events atomically (all or none). Retrying the same events (same ids) after a success writes
    /// nothing and returns the first result. Throws <see cref="WrongExpectedRevisionException"/> when the stream is
    /// not at <paramref name="expected"/>, <see cref="InvalidEventException"/> for malformed input.
    /// </summary>
    Task<AppendResult> AppendToStream(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events,
        CancellationToken cancellationToken = default);
}

public interface IEventStore : IEventStoreReader, IEventStoreWriter, IAsyncDisposable
{
    /// <summary>Where this store is, for messages and for telling stores apart ("sqlite:./data/timeline.db").</summary>
    string Description { get; }
}
