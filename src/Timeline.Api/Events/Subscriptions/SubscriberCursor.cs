using System.Diagnostics;
using Timeline.Api.V1;

namespace Timeline.Api.Events.Subscriptions;

/// <summary>
/// What one subscriber gets for each event of the log, in log order: the event when it passes the filters, a
/// checkpoint now and then while events are skipped, or nothing. Used by one thread at a time: the subscriber's
/// own catch-up first, then (handed over under the live feed's lock) the live feed.
/// </summary>
public sealed class SubscriberCursor(SubscriptionFilterSpec spec, SubscriptionOptions options)
{
    private int _skipped;
    private long _lastSent = Stopwatch.GetTimestamp();

    public SubscribeResponse? Next(DecodedEvent e)
    {
        if (Passes(e))
        {
            Sent();
            return e.Message;
        }
        if (++_skipped >= options.CheckpointEvery || Stopwatch.GetElapsedTime(_lastSent) >= options.CheckpointPeriod)
        {
            Sent();
            return new SubscribeResponse { Position = e.Recorded.Position.ToString(), Checkpoint = new Checkpoint() };
        }
        return null;
    }

    private bool Passes(DecodedEvent e)
    {
        // The type is in the envelope: events of other types are skipped without being decoded.
        if (spec.Types is { } types && !types.Contains(e.Recorded.Type)) return false;
        if (!spec.NeedsDecodedEvent) return true;
        return e.Stored is Timeline.EventStore.Serialization.StoredEvent.Known known && spec.Matches(known.Event);
    }

    private void Sent()
    {
        _skipped = 0;
        _lastSent = Stopwatch.GetTimestamp();
    }
}
