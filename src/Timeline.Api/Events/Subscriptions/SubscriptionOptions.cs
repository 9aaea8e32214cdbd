namespace Timeline.Api.Events.Subscriptions;

/// <summary>Limits of live subscriptions.</summary>
public sealed record SubscriptionOptions
{
    /// <summary>
    /// Messages buffered per subscriber between the log reader and the network writer. When a subscriber reads
    /// so slowly that this fills, it gets RESOURCE_EXHAUSTED: one slow client never makes the server hold the log in memory.
    /// </summary>
    public int BufferCapacity { get; init; } = 1024;

    /// <summary>Send a checkpoint after this many events skipped by the filters…</summary>
    public int CheckpointEvery { get; init; } = 256;

    /// <summary>…or when events were skipped and nothing was sent for this long.</summary>
    public TimeSpan CheckpointPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an overflowed subscriber that does not read at all may keep its connection before it is aborted; also
    /// how long a catching-up subscriber's full buffer may wait for it to take one message before it is cut off.
    /// </summary>
    public TimeSpan OverflowGrace { get; init; } = TimeSpan.FromSeconds(30);
}
