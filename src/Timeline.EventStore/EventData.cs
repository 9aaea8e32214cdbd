namespace Timeline.EventStore;

/// <summary>An event to append: its id (the idempotency key), stored type name, JSON data and JSON metadata.</summary>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Metadata)
{
    public const string JsonContentType = "application/json";
}

/// <summary>An event as the store holds it.</summary>
public sealed record RecordedEvent(
    string Stream,
    ulong Revision,
    LogPosition Position,
    Guid EventId,
    string Type,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<byte> Metadata,
    DateTimeOffset Created);

/// <summary>Where an append landed: the stream's new last revision and the log position of its last event.</summary>
public readonly record struct AppendResult(ulong NextExpectedRevision, LogPosition Position);

public enum ReadDirection { Forwards, Backwards }
