namespace Timeline.EventStore;

/// <summary>The stream was not where the writer expected it to be; nothing was written.</summary>
public sealed class WrongExpectedRevisionException(string stream, ExpectedRevision expected, StreamState actual, string? detail = null)
    : Exception($"Append to '{stream}' expected revision {expected} but the stream is at {actual}.{(detail is null ? "" : " " + detail)}")
{
    public string Stream { get; } = stream;
    public ExpectedRevision Expected { get; } = expected;
    public StreamState Actual { get; } = actual;
}

/// <summary>An append or read was refused because its input is malformed (bad stream name, empty type, oversized event); nothing was written.</summary>
public sealed class InvalidEventException(string message) : ArgumentException(message);

/// <summary>The store cannot be reached or opened (wrong path, server down, bad connection string).</summary>
public sealed class EventStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
