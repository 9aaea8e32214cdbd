using System.Diagnostics;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Timeline.Api.V1;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;

namespace Timeline.Api.Events.Subscriptions;

/// <summary>
/// One subscriber: a reader task pulls the store's catch-up subscription (history, then live) into a bounded
/// channel; one writer loop (the call's own task) writes the channel to the response stream. Only that loop ever
/// touches the stream. When the channel is full the subscriber is too slow: the reader stops reading the log
/// and the writer ends the call with RESOURCE_EXHAUSTED and the position to resume from.
/// </summary>
public sealed class EventSubscription(
    IEventStoreReader store,
    SubscriptionFilterSpec spec,
    SubscriptionOptions options,
    SubscriptionMonitor monitor,
    ILogger logger)
{
    private readonly Channel<SubscribeResponse> _buffer = Channel.CreateBounded<SubscribeResponse>(
        new BoundedChannelOptions(options.BufferCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private volatile bool _overflowed;
    private string _lastDelivered = "";

    /// <param name="stopping">Cancelled when the server shuts down: the call ends with UNAVAILABLE and a resume position.</param>
    /// <param name="abortCall">Drops the connection of a subscriber that stopped reading altogether.</param>
    public async Task Run(IServerStreamWriter<SubscribeResponse> stream, CancellationToken callCancelled, CancellationToken stopping, Action abortCall)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, stopping);
        monitor.Started();
        var reading = Task.Run(() => ReadLog(done.Token, abortCall), CancellationToken.None);
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
            monitor.Ended();
        }
    }

    private string ResumePosition() => _lastDelivered.Length == 0 ? DescribeStart() : _lastDelivered;

    private string DescribeStart() => spec.Start.FromEnd ? "end" : spec.Start.After?.ToString() ?? "start";

    private async Task WriteLoop(IServerStreamWriter<SubscribeResponse> stream, CancellationToken cancellationToken, CancellationToken callCancelled)
    {
        var reader = _buffer.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var message))
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
        $"This subscriber read too slowly: its buffer of {options.BufferCapacity} messages filled up. " +
        $"Resume with from={ResumePosition()} (the last position received), and read faster or filter more."));

    /// <summary>The only writer of the channel. Ends on cancellation, on overflow, or when the store fails (the writer rethrows).</summary>
    private async Task ReadLog(CancellationToken cancellationToken, Action abortCall)
    {
        try
        {
            var skipped = 0;
            var sinceLastSent = Stopwatch.StartNew();
            await foreach (var message in store.SubscribeToAll(spec.Start, spec.StoreFilter(options.CheckpointEvery), cancellationToken))
            {
                SubscribeResponse? outgoing;
                switch (message)
                {
                    case SubscriptionMessage.EventAppeared appeared:
                        var position = appeared.Event.Position.ToString();
                        var stored = DomainEventSerializer.Deserialize(appeared.Event);
                        var passes = !spec.NeedsDecodedEvent || stored is Timeline.EventStore.Serialization.StoredEvent.Known known && spec.Matches(known.Event);
                        if (passes)
                        {
                            outgoing = new SubscribeResponse { Position = position, Event = StoredEventMapping.ToMessage(stored) };
                        }
                        else if (++skipped >= options.CheckpointEvery || sinceLastSent.Elapsed >= options.CheckpointPeriod)
                        {
                            outgoing = new SubscribeResponse { Position = position, Checkpoint = new Checkpoint() };
                        }
                        else
                        {
                            outgoing = null;
                        }
                        break;
                    case SubscriptionMessage.Checkpoint checkpoint:
                        outgoing = new SubscribeResponse { Position = checkpoint.Position.ToString(), Checkpoint = new Checkpoint() };
                        break;
                    case SubscriptionMessage.CaughtUp caughtUp:
                        outgoing = new SubscribeResponse { Position = caughtUp.Position.ToString(), CaughtUp = new CaughtUp() };
                        break;
                    default:
                        outgoing = null;
                        break;
                }
                if (outgoing is null) continue;

                if (!_buffer.Writer.TryWrite(outgoing))
                {
                    Overflow(abortCall, cancellationToken);
                    return;
                }
                skipped = 0;
                sinceLastSent.Restart();
                monitor.Buffered(_buffer.Reader.Count);
            }
            _buffer.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _buffer.Writer.TryComplete();
        }
        catch (Exception e)
        {
            // The writer loop rethrows it, and the error interceptor gives it its status (e.g. UNAVAILABLE).
            _buffer.Writer.TryComplete(e);
        }
    }

    private void Overflow(Action abortCall, CancellationToken cancellationToken)
    {
        _overflowed = true;
        monitor.Overflow();
        logger.LogWarning("Subscriber too slow: buffer of {Capacity} messages full after {LastDelivered}; cutting it off",
            options.BufferCapacity, ResumePosition());
        _buffer.Writer.TryComplete();
        // The writer may be stuck in a write the client never reads; after the grace period drop the connection.
        _ = Task.Delay(options.OverflowGrace, cancellationToken)
            .ContinueWith(t => { if (!t.IsCanceled) abortCall(); }, TaskScheduler.Default);
    }
}
