using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Timeline.Api.V1;
using Timeline.EventStore;

namespace Timeline.Api.Events.Subscriptions;

/// <summary>
/// One subscriber. A reader task catches up from the store at the subscriber's own pace (waiting for room in its
/// bounded buffer), then hands over to the server's shared <see cref="LiveFeed"/>, which writes live events into the
/// same buffer; one writer loop (the call's own task) writes the buffer to the response stream, and only that loop
/// ever touches the stream. When a live subscriber's buffer is full it is too slow: the feed drops it at once and
/// the writer ends the call with RESOURCE_EXHAUSTED and the position to resume from.
/// </summary>
public sealed class EventSubscription
{
    private readonly IEventStoreReader _store;
    private readonly LiveFeed _feed;
    private readonly SubscriptionFilterSpec _spec;
    private readonly SubscriptionOptions _options;
    private readonly SubscriptionMonitor _monitor;
    private readonly ILogger _logger;
    private readonly Channel<SubscribeResponse> _buffer;
    private readonly SubscriberCursor _cursor;
    private readonly LiveFeed.Member _member;

    private volatile bool _overflowed;
    private string _lastDelivered = "";
    private CancellationToken _done;
    private Action _abortCall = () => { };

    public EventSubscription(IEventStoreReader store, LiveFeed feed, SubscriptionFilterSpec spec, SubscriptionOptions options,
        SubscriptionMonitor monitor, ILogger logger)
    {
        _store = store;
        _feed = feed;
        _spec = spec;
        _options = options;
        _monitor = monitor;
        _logger = logger;
        // Two writers, one after the other: this subscription's catch-up, then (after the hand-over) the feed.
        _buffer = Channel.CreateBounded<SubscribeResponse>(
            new BoundedChannelOptions(options.BufferCapacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });
        _cursor = new SubscriberCursor(spec, options);
        _member = new LiveFeed.Member(_buffer, options.BufferCapacity, _cursor, monitor, Overflow);
    }

    /// <param name="stopping">Cancelled when the server shuts down: the call ends with UNAVAILABLE and a resume position.</param>
    /// <param name="abortCall">Drops the connection of a subscriber that stopped reading altogether.</param>
    public async Task Run(IServerStreamWriter<SubscribeResponse> stream, CancellationToken callCancelled, CancellationToken stopping, Action abortCall)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, stopping);
        _done = done.Token;
        _abortCall = abortCall;
        _monitor.Started();
        var reading = Task.Run(() => ReadLog(done.Token), CancellationToken.None);
        try
        {
            await WriteLoop(stream, done.Token, callCancelled);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !callCancelled.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"The server is shutting down. Resume with from={ResumePosition()} when it is back."));
        }
        finally
        {
            await done.CancelAsync();
            await reading;
            _feed.Leave(_member);
            _monitor.Ended();
        }
    }

    private string ResumePosition() => _lastDelivered.Length == 0 ? DescribeStart() : _lastDelivered;

    private string DescribeStart() => _spec.Start.FromEnd ? "end" : _spec.Start.After?.ToString() ?? "start";

    private async Task WriteLoop(IServerStreamWriter<SubscribeResponse> stream, CancellationToken cancellationToken, CancellationToken callCancelled)
    {
        var reader = _buffer.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            // On shutdown, stop after the write in progress: the status with the resume position follows at once
            // instead of after the rest of the buffer, and the subscriber reads the rest again when it resumes.
            while (!cancellationToken.IsCancellationRequested && reader.TryRead(out var message))
            {
                // Checked before every write, not after draining: a slow subscriber learns at once that it fell behind.
                if (_overflowed) throw TooSlow();
                // Not cancelled by shutdown: cancelling a write resets the HTTP/2 stream, and the client would never
                // see the status that tells it where to resume. A write to a client that stopped reading is the overflow watchdog's job.
                await stream.WriteAsync(message, callCancelled);
                _lastDelivered = message.Position;
            }
        }
        if (_overflowed) throw TooSlow();
    }

    private RpcException TooSlow() => new(new Status(StatusCode.ResourceExhausted,
        $"This subscriber read too slowly: its buffer of {_options.BufferCapacity} messages filled up. " +
        $"Resume with from={ResumePosition()} (the last position received), and read faster or filter more."));

    /// <summary>
    /// Catch-up, then the hand-over to the live feed. Ends once the subscriber is live (the feed writes its buffer from
    /// then on), on cancellation, when it is cut off, or when the store fails (completing the buffer with the error,
    /// which the writer rethrows and the error interceptor turns into a status, e.g. UNAVAILABLE).
    /// </summary>
    private async Task ReadLog(CancellationToken cancellationToken)
    {
        try
        {
            // The last position this subscriber has looked at (delivered or skipped); null = before the first event.
            var seen = _spec.Start.FromEnd ? await _store.GetHeadPosition(cancellationToken) : _spec.Start.After;
            while (true)
            {
                if (await CatchUp(seen, null, cancellationToken) is not { } caughtUp) return;
                seen = caughtUp.Seen;
                // Join first, so that nothing the feed publishes from here on is missed; then read what the feed had
                // already published (up to joinedAt) ourselves. The feed drops what we have seen; nothing is read twice.
                var joinedAt = await _feed.BeginJoin(_member, seen, cancellationToken);
                if (seen is not { } before || joinedAt > before)
                {
                    if (await CatchUp(seen, joinedAt, cancellationToken) is not { } rest) return;
                    seen = rest.Seen;
                }
                if (_feed.CompleteJoin(_member, seen)) return;
                _logger.LogDebug("Subscriber fell behind while joining the live feed at {Position}; catching up again", seen);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _buffer.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _buffer.Writer.TryComplete(e);
        }
    }

    private readonly record struct Progress(LogPosition? Seen);

    /// <summary>
    /// Reads the log after <paramref name="seen"/> (up to <paramref name="upTo"/> inclusive, or to its current end)
    /// into the buffer, waiting for room: history is in the store, so a slow reader only slows its own catch-up.
    /// Null when the subscriber was cut off for not reading at all.
    /// </summary>
    private async Task<Progress?> CatchUp(LogPosition? seen, LogPosition? upTo, CancellationToken cancellationToken)
    {
        await foreach (var recorded in _store.ReadAll(ReadDirection.Forwards, seen ?? LogPosition.Start, long.MaxValue, cancellationToken))
        {
            // A read from a position includes that position's event.
            if (seen is { } last && recorded.Position <= last) continue;
            if (upTo is { } limit && recorded.Position > limit) break;
            seen = recorded.Position;
            if (_cursor.Next(new DecodedEvent(recorded)) is { } message && !await WriteWaiting(message, cancellationToken))
                return null;
        }
        return new Progress(seen);
    }

    /// <summary>False when the buffer stayed full for the whole grace period (the subscriber is cut off) or was closed.</summary>
    private async Task<bool> WriteWaiting(SubscribeResponse message, CancellationToken cancellationToken)
    {
        var writer = _buffer.Writer;
        if (!writer.TryWrite(message))
        {
            using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stalled.CancelAfter(_options.OverflowGrace);
            try
            {
                while (!writer.TryWrite(message))
                    if (!await writer.WaitToWriteAsync(stalled.Token)) return false;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not one message taken in the whole grace period: it has stopped reading, and is cut off like a slow live subscriber.
                Overflow();
                return false;
            }
        }
        _monitor.Buffered(_buffer.Reader.Count);
        return true;
    }

    /// <summary>Called by the feed (under its lock) when the buffer of this live subscriber is full, or by a stalled catch-up.</summary>
    private void Overflow()
    {
        _overflowed = true;
        _monitor.Overflow();
        _logger.LogWarning("Subscriber too slow: buffer of {Capacity} messages full after {LastDelivered}; cutting it off",
            _options.BufferCapacity, ResumePosition());
        _buffer.Writer.TryComplete();
        // The writer may be stuck in a write the client never reads; after the grace period drop the connection.
        var abortCall = _abortCall;
        _ = Task.Delay(_options.OverflowGrace, _done)
            .ContinueWith(t => { if (!t.IsCanceled) abortCall(); }, TaskScheduler.Default);
    }
}
