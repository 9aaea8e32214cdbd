namespace Timeline.EventStore;

/// <summary>Where a subscription to <c>$all</c> begins.</summary>
public readonly record struct SubscriptionStart
{
    private SubscriptionStart(bool fromEnd, LogPosition? after)
    {
        FromEnd = fromEnd;
        After = after;
    }

    /// <summary>Deliver every event from the beginning of the log.</summary>
    public static SubscriptionStart Start => new(false, null);
    /// <summary>Deliver only events appended after the subscription starts.</summary>
    public static SubscriptionStart End => new(true, null);
    /// <summary>Deliver the events after this position (exclusive): resume from the last position seen.</summary>
    public static SubscriptionStart AfterPosition(LogPosition position) => new(false, position);

    public bool FromEnd { get; }
    public LogPosition? After { get; }

    public override string ToString() => FromEnd ? "end" : After is { } p ? $"after {p}" : "start";
}

/// <summary>Server-side filter for a subscription: event types and/or a stream name prefix.</summary>
public sealed record SubscriptionFilter
{
    public IReadOnlySet<string>? EventTypes { get; init; }
    public string? StreamPrefix { get; init; }
    /// <summary>Send a checkpoint at least every this many events that the filter skipped.</summary>
    public int CheckpointInterval { get; init; } = 1000;

    public bool Matches(string stream, string type) =>
        (EventTypes is null || EventTypes.Contains(type))
        && (StreamPrefix is null || stream.StartsWith(StreamPrefix, StringComparison.Ordinal));
}

/// <summary>One message of a catch-up subscription.</summary>
public abstract record SubscriptionMessage
{
    private SubscriptionMessage() { }

    /// <summary>An event, in log order.</summary>
    public sealed record EventAppeared(RecordedEvent Event) : SubscriptionMessage;

    /// <summary>History is delivered; what follows is live. Sent once per subscription.</summary>
    public sealed record CaughtUp(LogPosition Position) : SubscriptionMessage;

    /// <summary>The subscription has looked at the log up to here (events skipped by a filter included): safe to resume after it.</summary>
    public sealed record Checkpoint(LogPosition Position) : SubscriptionMessage;
}
