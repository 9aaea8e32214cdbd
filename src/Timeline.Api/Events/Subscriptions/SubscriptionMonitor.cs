namespace Timeline.Api.Events.Subscriptions;

/// <summary>
/// Counts of live subscriptions, so operators (and the tests) can see that buffers stay bounded and that a
/// subscriber cut off for being too slow really stops reading the log.
/// </summary>
public sealed class SubscriptionMonitor
{
    private int _active;
    private int _peakBuffered;
    private long _overflowed;

    public int Active => Volatile.Read(ref _active);
    /// <summary>The most messages any one subscriber had waiting in its buffer.</summary>
    public int PeakBuffered => Volatile.Read(ref _peakBuffered);
    /// <summary>Subscribers cut off with RESOURCE_EXHAUSTED.</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    internal void Started() => Interlocked.Increment(ref _active);
    internal void Ended() => Interlocked.Decrement(ref _active);
    internal void Overflow() => Interlocked.Increment(ref _overflowed);

    internal void Buffered(int count)
    {
        var peak = Volatile.Read(ref _peakBuffered);
        while (count > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakBuffered, count, peak);
            if (seen == peak) return;
            peak = seen;
        }
    }
}
