using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Timeline.Api.V1;
using Timeline.EventStore;

namespace Timeline.Api.Events.Subscriptions;

/// <summary>
/// The one live reader of the log per server. It follows the store's subscription from the end, decodes each new
/// event once and offers it to every live subscriber's bounded buffer, applying each subscriber's filters there.
/// A hundred subscribers cost one store subscription (one SQLite reader woken by in-process appends), not a hundred.
/// </summary>
/// <remarks>
/// A subscriber joins in two steps so that the hand-over from its own catch-up has no gap and no duplicate:
/// <see cref="BeginJoin"/> registers it (events the feed publishes from then on wait in a bounded pending queue)
/// and tells it the feed's position; the subscriber reads the store up to that position itself; then
/// <see cref="CompleteJoin"/> moves the pending events into its buffer and makes it live, all under the feed's
/// lock, so no event is published in between. A subscriber whose pending queue fills, or whose buffer has no
/// room for it, is not joined: it reads on from the store at its own pace and tries again.
/// A live subscriber whose buffer is full is cut off (RESOURCE_EXHAUSTED) without ever making the feed wait.
/// </remarks>
public sealed class LiveFeed(IEventStore store, ILogger<LiveFeed> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private Member[] _members = [];
    private Task<LogPosition>? _started;
    private Task? _reading;
    private LogPosition _position;
    private long _readersStarted;

    /// <summary>Subscribers registered with the feed (joining or live).</summary>
    public int Members => Volatile.Read(ref _members).Length;

    /// <summary>How many times the feed opened its store subscription (once, unless the store failed).</summary>
    public long ReadersStarted => Interlocked.Read(ref _readersStarted);

    /// <summary>
    /// Registers <paramref name="member"/>; every event published from now on with a position after
    /// <paramref name="after"/> waits in its pending queue. Returns the position of the last event published before
    /// it joined: the subscriber must read the store up to there itself. Starts the feed on first use.
    /// </summary>
    public async Task<LogPosition> BeginJoin(Member member, LogPosition? after, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<LogPosition> started;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
                started = _started ??= Start();
            }
            // A store that cannot be subscribed to fails this subscriber with the store's error.
            await started.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                // The feed failed and was reset between the two locks: wait for the next one.
                if (_started != started) continue;
                member.Joining(after);
                _members = [.. _members, member];
                return _position;
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="member"/> live once it has read the store up to the position <see cref="BeginJoin"/>
    /// returned (<paramref name="seen"/> = the last position it looked at). False when it could not join (its pending
    /// queue filled, or its buffer has no room for it): it is no longer registered and should read on and try again.
    /// </summary>
    public bool CompleteJoin(Member member, LogPosition? seen)
    {
        lock (_gate)
        {
            member.ThrowIfFailed();
            if (member.GoLive(seen, _position)) return true;
            Remove(member);
            return false;
        }
    }

    public void Leave(Member member)
    {
        lock (_gate) Remove(member);
    }

    private void Remove(Member member)
    {
        if (Array.IndexOf(_members, member) >= 0)
            _members = Array.FindAll(_members, m => !ReferenceEquals(m, member));
    }

    private Task<LogPosition> Start()
    {
        var caughtUp = new TaskCompletionSource<LogPosition>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _readersStarted);
        _reading = Task.Run(() => Read(caughtUp));
        return caughtUp.Task;
    }

    /// <summary>The feed's only loop: never throws; a failure is handed to every subscriber and the next one restarts the feed.</summary>
    private async Task Read(TaskCompletionSource<LogPosition> caughtUp)
    {
        try
        {
            await foreach (var message in store.SubscribeToAll(SubscriptionStart.End, null, _disposed.Token).ConfigureAwait(false))
            {
                switch (message)
                {
                    case SubscriptionMessage.EventAppeared appeared:
                        Publish(new DecodedEvent(appeared.Event));
                        break;
                    case SubscriptionMessage.CaughtUp at:
                        lock (_gate) _position = at.Position;
                        logger.LogInformation("Live feed following {Store} from {Position}", store.Description, at.Position);
                        caughtUp.TrySetResult(at.Position);
                        break;
                }
            }
            _disposed.Token.ThrowIfCancellationRequested();
            throw new EventStoreUnavailableException($"The live subscription to {store.Description} ended unexpectedly.");
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            Fail(new EventStoreUnavailableException("The server is shutting down."), caughtUp);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Live feed from {Store} failed; its subscribers are told, and the next subscriber restarts it", store.Description);
            Fail(e, caughtUp);
        }
    }

    private void Publish(DecodedEvent e)
    {
        lock (_gate)
        {
            _position = e.Position;
            var members = _members;
            List<Member>? gone = null;
            foreach (var member in members)
                if (!member.Offer(e)) (gone ??= []).Add(member);
            if (gone is not null) _members = Array.FindAll(members, m => !gone.Contains(m));
        }
    }

    private void Fail(Exception error, TaskCompletionSource<LogPosition> caughtUp)
    {
        lock (_gate)
        {
            foreach (var member in _members) member.Fail(error);
            _members = [];
            _started = null;
        }
        caughtUp.TrySetException(error);
    }

    public async ValueTask DisposeAsync()
    {
        Task? reading;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            _disposed.Cancel();
            reading = _reading;
        }
        if (reading is not null) await reading.ConfigureAwait(false);
    }

    /// <summary>
    /// One subscriber as the feed sees it: its buffer, its cursor (filters and checkpoints) and, while it joins,
    /// its pending queue. Everything here runs under the feed's lock.
    /// </summary>
    public sealed class Member(Channel<SubscribeResponse> buffer, int capacity, SubscriberCursor cursor, SubscriptionMonitor monitor, Action overflowed)
    {
        private Queue<DecodedEvent>? _pending;
        private bool _joinFailed;
        private LogPosition? _after;
        private Exception? _failure;

        internal void Joining(LogPosition? after)
        {
            _after = after;
            _pending = new Queue<DecodedEvent>();
            _joinFailed = false;
        }

        /// <summary>False when the member must leave the feed: its buffer overflowed, or it could not join.</summary>
        internal bool Offer(DecodedEvent e)
        {
            // Already read from the store by its own catch-up (the feed may lag behind the store).
            if (_after is { } after && e.Position <= after) return true;
            if (_pending is { } pending)
            {
                if (pending.Count < capacity)
                {
                    pending.Enqueue(e);
                    return true;
                }
                _pending = null;
                _joinFailed = true;
                return false;
            }
            var message = cursor.Next(e);
            if (message is null) return true;
            if (buffer.Writer.TryWrite(message))
            {
                monitor.Buffered(buffer.Reader.Count);
                return true;
            }
            overflowed();
            return false;
        }

        internal bool GoLive(LogPosition? seen, LogPosition feedPosition)
        {
            if (_joinFailed || _pending is not { } pending) return false;
            // Room for every pending event and the caught-up mark, or it stays on its own catch-up (with backpressure)
            // rather than being cut off for a backlog it is still reading.
            if (capacity - buffer.Reader.Count < pending.Count + 1) return false;
            _pending = null;
            foreach (var e in pending)
                if (cursor.Next(e) is { } message && !buffer.Writer.TryWrite(message)) return false;
            var caughtUp = seen is { } s && s > feedPosition ? s : feedPosition;
            if (!buffer.Writer.TryWrite(new SubscribeResponse { Position = caughtUp.ToString(), CaughtUp = new CaughtUp() })) return false;
            monitor.Buffered(buffer.Reader.Count);
            return true;
        }

        internal void Fail(Exception error)
        {
            _failure = error;
            buffer.Writer.TryComplete(error);
        }

        internal void ThrowIfFailed()
        {
            if (_failure is not null) throw _failure;
        }
    }
}
