using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Timeline.Api.Events.Subscriptions;
using Timeline.Api.Tests.Support;
using Timeline.Api.V1;
using Timeline.EventStore;
using Timeline.EventStore.Memory;

namespace Timeline.Api.Tests;

/// <summary>Run on SQLite (appends wait for the disk) and in memory (appends so fast that subscribers join the feed behind it).</summary>
public abstract class subscribers_starting_while_events_are_appended : IAsyncLifetime
{
    private const int Before = 40;
    private const string LastWords = "The last event";
    private RunningServer _server = null!;

    /// <summary>The store to serve, or null for the default (SQLite in a temp folder).</summary>
    protected abstract IEventStore? Store();

    public async Task InitializeAsync() => _server = await RunningServer.Start(store: Store());
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task each_receive_every_event_after_their_start_once_and_in_order_through_one_shared_reader()
    {
        // Given a log of 40 events
        for (var i = 0; i < Before; i++)
            await _server.Store.Append($"before-{i}", TestEvents.Statement($"before-{i}", "Early Speaker", "TJ", $"Before {i}", i));

        // When two writers keep appending, and subscribers start one after another while they do: from the start,
        // from positions (resuming), and from the end; then the writers stop and one last event is appended
        using var stopWriting = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stopWriting.IsCancellationRequested; i++)
            {
                await _server.Store.Append($"writer-{w}-{i}", TestEvents.Statement($"writer-{w}-{i}", "Busy Speaker", "TJ", $"Writer {w} event {i}", i));
                // Bursts of ten with a pause: a log growing faster than subscribers can read would never let them catch up,
                // and an uncontended append completes synchronously, so without a pause the writers would hold the pool's threads.
                if (i % 10 == 9) await Task.Delay(10);
                else await Task.Yield();
            }
        })).ToList();
        string[] starts = ["start", "10", "end", "40", "start", "75", "end", "110"];
        var subscribers = new List<Subscriber>();
        for (var k = 0; k < starts.Length; k++)
        {
            // Staggered by the writers' progress, so that every one of them hands over to the live feed mid-stream.
            var threshold = Before + k * 15;
            await RunningServer.Eventually(async () => await Head() >= threshold, $"the log reached {threshold} events");
            var headBefore = await Head();
            subscribers.Add(ReadUntilLastWords(starts[k]) with { HeadBefore = headBefore });
        }
        // (A call is served when the server gets to it: "end" is the end then, so the writers stop only once every
        // subscriber has caught up, and the last event is after every subscriber's start.)
        await Task.WhenAll(subscribers.Select(s => s.CaughtUp));
        await stopWriting.CancelAsync();
        await Task.WhenAll(writers);
        var last = (long)(await _server.Store.Append("last", TestEvents.Statement("last", "Late Speaker", "TJ", LastWords))).Position.Commit;

        // Then each got exactly the positions after its start, up to the last event, once each and in order
        foreach (var (from, headBefore, positions) in subscribers.Select(s => (s.From, s.HeadBefore, s.Positions)))
        {
            var got = await positions;
            var first = from switch
            {
                "start" => 1,
                "end" => got[0],
                _ => long.Parse(from) + 1,
            };
            if (from == "end") Assert.True(first > headBefore, $"from end it got position {first}, already in the log ({headBefore}) when it subscribed");
            Assert.Equal(LongRange(first, last), got);
        }

        // And their live part came from the one shared reader of the log
        Assert.Equal(1, _server.Feed.ReadersStarted);
    }

    private async Task<long> Head() => (long)((await _server.Store.GetHeadPosition())?.Commit ?? 0);

    /// <summary>Subscribes now; the reading goes on in the background until the last event.</summary>
    private Subscriber ReadUntilLastWords(string from)
    {
        var call = _server.Events.Subscribe(new SubscribeRequest { From = from }, cancellationToken: new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var positions = Task.Run(async () =>
        {
            var got = new List<long>();
            using (call)
            {
                try
                {
                    while (await call.ResponseStream.MoveNext())
                    {
                        var message = call.ResponseStream.Current;
                        if (message.KindCase == SubscribeResponse.KindOneofCase.CaughtUp) caughtUp.TrySetResult();
                        if (message.KindCase != SubscribeResponse.KindOneofCase.Event) continue;
                        got.Add(long.Parse(message.Position));
                        if (message.Event.Source.Evidence == LastWords) return got;
                    }
                }
                catch (RpcException e)
                {
                    var failure = new InvalidOperationException(
                        $"The subscription from {from} failed after {got.Count} events (last {(got.Count > 0 ? got[^1] : 0)}, head {await Head()}).", e);
                    caughtUp.TrySetException(failure);
                    throw failure;
                }
            }
            throw new InvalidOperationException($"The subscription from {from} ended early, after {got.Count} events.");
        });
        return new Subscriber(from, caughtUp.Task, positions);
    }

    private sealed record Subscriber(string From, Task CaughtUp, Task<List<long>> Positions)
    {
        public long HeadBefore { get; init; }
    }

    private static IEnumerable<long> LongRange(long first, long last)
    {
        for (var p = first; p <= last; p++) yield return p;
    }
}

public sealed class subscribers_starting_while_events_are_appended_to_sqlite : subscribers_starting_while_events_are_appended
{
    protected override IEventStore? Store() => null;
}

public sealed class subscribers_starting_while_events_are_appended_in_memory : subscribers_starting_while_events_are_appended
{
    protected override IEventStore? Store() => new MemoryEventStore();
}

public sealed class a_slow_subscriber_among_fast_ones : IAsyncLifetime
{
    private const int Buffer = 64;
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start(subscriptions: new SubscriptionOptions { BufferCapacity = Buffer });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task is_cut_off_alone_while_the_others_receive_every_event()
    {
        // Given two subscribers that keep reading and one that stops reading once caught up, each on its own connection
        using var slow = new V1.Events.EventsClient(_server.NewChannel()).Subscribe(new SubscribeRequest { From = "start" }, cancellationToken: Minute());
        await slow.ResponseStream.ReadUntilCaughtUp();
        var fast = Enumerable.Range(0, 2).Select(_ => new FastReader(new V1.Events.EventsClient(_server.NewChannel()))).ToList();
        foreach (var reader in fast) await reader.CaughtUp;

        // When events are appended (each one read by the fast subscribers before the next) until the slow one's buffer
        // and the network in between are full, and then some more
        var quote = new string('x', 4000);
        var last = 0L;
        for (var i = 0; i < 3000 && _server.Subscriptions.Overflowed == 0; i++)
            last = await AppendAndWaitForFastReaders(fast, $"flood-{i}", quote, i);
        for (var i = 0; i < 20; i++)
            last = await AppendAndWaitForFastReaders(fast, $"after-{i}", "After the cut-off", i);

        // Then the slow one alone was cut off, and the shared feed no longer offers it anything
        Assert.Equal(1, _server.Subscriptions.Overflowed);
        Assert.InRange(_server.Subscriptions.PeakBuffered, 1, Buffer);
        await RunningServer.Eventually(() => Task.FromResult(_server.Feed.Members == 2), "the slow subscriber left the live feed");

        // And the fast ones received every event, once each and in order
        foreach (var reader in fast)
            Assert.Equal(Enumerable.Range(1, (int)last).Select(p => (long)p), reader.Positions);

        // And the slow one, reading again, gets RESOURCE_EXHAUSTED
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await slow.ResponseStream.MoveNext(SubscriptionReader.Soon())) { }
        });
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        foreach (var reader in fast) reader.Dispose();
    }

    /// <summary>The flood takes a few seconds on a busy machine; the calls must outlive it.</summary>
    private static CancellationToken Minute() => new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    private async Task<long> AppendAndWaitForFastReaders(List<FastReader> fast, string article, string quote, int index)
    {
        var result = await _server.Store.Append(article, TestEvents.Statement(article, "Flood Speaker", "TJ", quote, index));
        var position = (long)result.Position.Commit;
        foreach (var reader in fast) await reader.Reached(position);
        return position;
    }

    /// <summary>A subscriber that reads as fast as it can, keeping the positions it gets.</summary>
    private sealed class FastReader : IDisposable
    {
        private readonly AsyncServerStreamingCall<SubscribeResponse> _call;
        private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Channel<long> _arrived = Channel.CreateUnbounded<long>();

        public FastReader(V1.Events.EventsClient client)
        {
            _call = client.Subscribe(new SubscribeRequest { From = "start" }, cancellationToken: Minute());
            _ = Task.Run(Read);
        }

        public List<long> Positions { get; } = [];
        public Task CaughtUp => _caughtUp.Task;

        public async Task Reached(long position)
        {
            while (Positions.Count == 0 || Positions[^1] < position)
                Positions.Add(await _arrived.Reader.ReadAsync(SubscriptionReader.Soon()));
        }

        private async Task Read()
        {
            try
            {
                while (await _call.ResponseStream.MoveNext())
                {
                    var message = _call.ResponseStream.Current;
                    if (message.KindCase == SubscribeResponse.KindOneofCase.CaughtUp) _caughtUp.TrySetResult();
                    if (message.KindCase == SubscribeResponse.KindOneofCase.Event) _arrived.Writer.TryWrite(long.Parse(message.Position));
                }
                _arrived.Writer.TryComplete();
            }
            catch (Exception e)
            {
                // Handed to the test: Reached (and CaughtUp) then fail with it.
                _caughtUp.TrySetException(e);
                _arrived.Writer.TryComplete(e);
            }
        }

        public void Dispose() => _call.Dispose();
    }
}

public sealed class a_subscriber_falling_behind_while_it_joins_the_live_feed
{
    [Fact]
    public async Task is_not_joined_nor_cut_off_and_reads_on_from_the_store()
    {
        // Given a live feed over a store, and a subscriber with room for four messages that has begun to join it
        var store = new MemoryEventStore();
        await using var feed = new LiveFeed(store, NullLogger<LiveFeed>.Instance);
        var buffer = Channel.CreateBounded<SubscribeResponse>(4);
        var cutOff = false;
        var member = new LiveFeed.Member(buffer, 4, Cursor(), new SubscriptionMonitor(), () => cutOff = true);
        var joinedAt = await feed.BeginJoin(member, null, SubscriptionReader.Soon());

        // When more events are published than its pending queue holds before it completes the join
        for (var i = 0; i < 6; i++)
            await store.Append($"burst-{i}", TestEvents.Statement($"burst-{i}", "Quick Speaker", "TJ", $"Burst {i}", i));
        await RunningServer.Eventually(() => Task.FromResult(feed.Members == 0), "the feed let go of the subscriber");

        // Then it is not joined, and not cut off: nothing was written for it, and it can read on from the store
        Assert.False(feed.CompleteJoin(member, joinedAt));
        Assert.False(cutOff);
        Assert.Equal(0, buffer.Reader.Count);
    }

    [Fact]
    public async Task that_had_room_is_joined_with_what_arrived_meanwhile_then_caught_up()
    {
        // Given a live feed over a store with two events, and a subscriber that has begun to join it after them
        var store = new MemoryEventStore();
        await store.Append("one", TestEvents.Statement("one", "Calm Speaker", "TJ", "One"));
        await store.Append("two", TestEvents.Statement("two", "Calm Speaker", "TJ", "Two"));
        await using var feed = new LiveFeed(store, NullLogger<LiveFeed>.Instance);
        var buffer = Channel.CreateBounded<SubscribeResponse>(16);
        var cutOff = false;
        var member = new LiveFeed.Member(buffer, 16, Cursor(), new SubscriptionMonitor(), () => cutOff = true);
        var joinedAt = await feed.BeginJoin(member, LogPosition.Of(2), SubscriptionReader.Soon());

        // When a third event is published before it completes the join, and a fourth after
        await store.Append("three", TestEvents.Statement("three", "Calm Speaker", "TJ", "Three"));
        await RunningServer.Eventually(async () => await FeedHasPublished(feed, store), "the feed published the third event");
        Assert.True(feed.CompleteJoin(member, LogPosition.Of(2)));
        await store.Append("four", TestEvents.Statement("four", "Calm Speaker", "TJ", "Four"));

        // Then its buffer holds the third event, the caught-up mark at the third, then the fourth live
        Assert.Equal(LogPosition.Of(2), joinedAt);
        var messages = new List<SubscribeResponse>();
        while (messages.Count < 3) messages.Add(await buffer.Reader.ReadAsync(SubscriptionReader.Soon()));
        Assert.Equal(["Event@3", "CaughtUp@3", "Event@4"], messages.Select(m => $"{m.KindCase}@{m.Position}"));
        Assert.False(cutOff);
    }

    /// <summary>Whether a probe that joins now is told the log's head: the feed has published everything appended so far.</summary>
    private static async Task<bool> FeedHasPublished(LiveFeed feed, IEventStore store)
    {
        var probe = new LiveFeed.Member(Channel.CreateBounded<SubscribeResponse>(16), 16, Cursor(), new SubscriptionMonitor(), () => { });
        var at = await feed.BeginJoin(probe, null, SubscriptionReader.Soon());
        feed.Leave(probe);
        return at == await store.GetHeadPosition();
    }

    private static SubscriberCursor Cursor() =>
        new(new SubscriptionFilterSpec(SubscriptionStart.Start, null, null, null, null), new SubscriptionOptions());
}
