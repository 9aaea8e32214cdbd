namespace Timeline.EventStore;

/// <summary>Limits every adapter enforces before writing anything.</summary>
public sealed record EventStoreLimits
{
    public static EventStoreLimits Default { get; } = new();

    /// <summary>Largest data + metadata of one event, in bytes (1 MiB, as EventStoreDB's default).</summary>
    public int MaxEventSize { get; init; } = 1024 * 1024;
    public int MaxStreamNameLength { get; init; } = 200;
    public int MaxTypeLength { get; init; } = 200;
}

/// <summary>The checks and decisions of an append that are the same for every adapter.</summary>
public static class AppendRules
{
    public static void ValidateStreamName(string? stream, EventStoreLimits limits)
    {
        if (string.IsNullOrWhiteSpace(stream))
            throw new InvalidEventException("A stream name is empty.");
        if (stream.Length > limits.MaxStreamNameLength)
            throw new InvalidEventException($"Stream name '{stream[..40]}…' is longer than {limits.MaxStreamNameLength} characters.");
        if (stream[0] == '$')
            throw new InvalidEventException($"Stream name '{stream}' starts with '$', which is reserved for system streams.");
        foreach (var c in stream)
            if (char.IsWhiteSpace(c) || char.IsControl(c))
                throw new InvalidEventException($"Stream name '{stream}' contains whitespace or a control character.");
    }

    public static void Validate(string stream, IReadOnlyList<EventData> events, EventStoreLimits limits)
    {
        ValidateStreamName(stream, limits);
        ArgumentNullException.ThrowIfNull(events);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new InvalidEventException($"Event #{i} for '{stream}' is null.");
            if (e.EventId == Guid.Empty)
                throw new InvalidEventException($"Event #{i} for '{stream}' has an empty id.");
            if (!seen.Add(e.EventId))
                throw new InvalidEventException($"Event id {e.EventId} appears twice in one append to '{stream}'.");
            if (string.IsNullOrWhiteSpace(e.Type))
                throw new InvalidEventException($"Event #{i} ({e.EventId}) for '{stream}' has an empty type.");
            if (e.Type.Length > limits.MaxTypeLength || e.Type.Any(char.IsControl))
                throw new InvalidEventException($"Event #{i} ({e.EventId}) for '{stream}' has an invalid type name.");
            var size = e.Data.Length + e.Metadata.Length;
            if (size > limits.MaxEventSize)
                throw new InvalidEventException(
                    $"Event #{i} ({e.EventId}, {e.Type}) for '{stream}' is {size:N0} bytes; the limit is {limits.MaxEventSize:N0}.");
        }
    }

    /// <summary>Whether the append may go ahead on a stream at <paramref name="actual"/>.</summary>
    public static bool Matches(ExpectedRevision expected, StreamState actual) =>
        expected.IsAny
        || (expected.IsNoStream && !actual.Exists)
        || (expected.IsExact && actual.LastRevision == expected.Revision);

    /// <summary>
    /// The revision the first event of a retried append would have been written at, had it succeeded before;
    /// used to recognise a retry (EventStoreDB's idempotency): the events already stored from that revision on
    /// carry the same ids in the same order.
    /// </summary>
    public static ulong FirstRevisionOf(ExpectedRevision expected) => expected.IsExact ? expected.Revision + 1 : 0;

    /// <summary>True when <paramref name="stored"/> (the stream's events from the retry's first revision) begins with exactly the appended ids.</summary>
    public static bool IsRetryOf(IReadOnlyList<Guid> stored, IReadOnlyList<EventData> events)
    {
        if (stored.Count < events.Count) return false;
        for (var i = 0; i < events.Count; i++)
            if (stored[i] != events[i].EventId) return false;
        return true;
    }
}
