using Timeline.EventStore.EventStoreDb.Protocol.Streams;
using Timeline.EventStore.EventStoreDb.Tests.Fake;

namespace Timeline.EventStore.EventStoreDb.Tests;

/// <summary>Drives a subscription in the background and collects its messages.</summary>
internal sealed class Subscriber : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SubscriptionMessage> _messages = [];
    private readonly Task _pump;
    private readonly SemaphoreSlim _arrived = new(0);

    public Subscriber(IEventStore store, SubscriptionStart start, SubscriptionFilter? filter = null)
    {
        _pump = Task.Run(async () =>
        {
            await foreach (var m in store.SubscribeToAll(start, filter, _stop.Token))
            {
                lock (_messages) _messages.Add(m);
                _arrived.Release();
            }
        });
    }

    public IReadOnlyList<SubscriptionMessage> Messages
    {
        get { lock (_messages) return _messages.ToList(); }
    }

    public IReadOnlyList<RecordedEvent> Events =>
        Messages.OfType<SubscriptionMessage.EventAppeared>().Select(m => m.Event).ToList();

    /// <summary>Waits (bounded, so a broken subscription fails the test instead of hanging it) until the condition holds.</summary>
    public async Task Until(Func<IReadOnlyList<SubscriptionMessage>, bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition(Messages))
        {
            if (_pump.IsFaulted) await _pump;
            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), limit.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            limit.Token.ThrowIfCancellationRequested();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
    }
}

public class subscribing_to_all : IAsyncLifetime
{
    private FakeNode _node = null!;
    private EventStoreDbEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _node = await FakeNode.Start();
        _store = EventStoreDbEventStore.Create(_node.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task delivers_history_then_caught_up_once_then_live_events_whether_or_not_the_server_says_caught_up(bool serverSendsCaughtUp)
    {
        // Given history on a server of either generation
        _node.SendsCaughtUp = serverSendsCaughtUp;
        var stream = TestEvents.Stream();
        await _store.AppendToStream(stream, ExpectedRevision.NoStream, TestEvents.Many(3));

        // When a subscription from the start runs while more is appended
        await using var subscriber = new Subscriber(_store, SubscriptionStart.Start);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.CaughtUp>().Any());
        await _store.AppendToStream(stream, ExpectedRevision.Exact(2), TestEvents.Many(2));
        await subscriber.Until(m => m.OfType<SubscriptionMessage.EventAppeared>().Count() == 5);

        // Then: three history events, one caught-up, two live events, in order, no system events
        var kinds = subscriber.Messages.Select(m => m.GetType().Name).ToList();
        Assert.Equal(["EventAppeared", "EventAppeared", "EventAppeared", "CaughtUp", "EventAppeared", "EventAppeared"], kinds);
        Assert.Equal([0UL, 1UL, 2UL, 3UL, 4UL], subscriber.Events.Select(e => e.Revision));
    }

    [Fact]
    public async Task from_the_end_delivers_only_what_is_appended_afterwards()
    {
        await _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, TestEvents.Many(2));

        await using var subscriber = new Subscriber(_store, SubscriptionStart.End);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.CaughtUp>().Any());
        var later = TestEvents.Json("StatementMade");
        await _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, [later]);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.EventAppeared>().Any());

        Assert.Equal([later.EventId], subscriber.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task after_a_position_resumes_with_the_next_event()
    {
        var events = TestEvents.Many(4);
        var stream = TestEvents.Stream();
        await _store.AppendToStream(stream, ExpectedRevision.NoStream, events);
        var second = (await _store.ReadStream(stream, ReadDirection.Forwards).ToList())[1];

        await using var subscriber = new Subscriber(_store, SubscriptionStart.AfterPosition(second.Position));
        await subscriber.Until(m => m.OfType<SubscriptionMessage.CaughtUp>().Any());

        Assert.Equal(events.Skip(2).Select(e => e.EventId), subscriber.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task dropped_mid_subscription_resumes_from_the_last_position_without_duplicates()
    {
        // Given a live subscription whose server will cut the connection after two events
        _node.DropNextSubscriptionAfter = 2;
        await using var subscriber = new Subscriber(_store, SubscriptionStart.Start);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.CaughtUp>().Any());
        await WaitForLiveSubscription();

        // When five events are appended one by one
        var stream = TestEvents.Stream();
        var events = TestEvents.Many(5);
        foreach (var e in events)
            await _store.AppendToStream(stream, ExpectedRevision.Any, [e]);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.EventAppeared>().Count() >= 5);

        // Then every event arrived exactly once, in order, over a second server subscription
        Assert.Equal(events.Select(e => e.EventId), subscriber.Events.Select(e => e.EventId));
        Assert.True(_node.SubscriptionsOpened >= 2);
        var resumed = _node.Reads.Last(r => r.Options.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription);
        Assert.Equal(ReadReq.Types.Options.Types.AllOptions.AllOptionOneofCase.Position, resumed.Options.All.AllOptionCase);
    }

    private async Task WaitForLiveSubscription()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_node.SubscriptionsOpened == 0) await Task.Delay(20, limit.Token);
    }

    [Fact]
    public async Task with_a_type_filter_asks_the_server_to_filter_and_passes_its_checkpoints_on()
    {
        // Given a log mostly of events the subscriber does not want
        var filter = new SubscriptionFilter { EventTypes = new HashSet<string> { "InternetOutage" }, CheckpointInterval = 4 };
        var stream = TestEvents.Stream();
        await _store.AppendToStream(stream, ExpectedRevision.NoStream, TestEvents.Many(10));

        // When it subscribes and more unwanted events and one wanted event arrive live
        await using var subscriber = new Subscriber(_store, SubscriptionStart.Start, filter);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.CaughtUp>().Any());
        await _store.AppendToStream(stream, ExpectedRevision.Exact(9), TestEvents.Many(10));
        var wanted = TestEvents.Json("InternetOutage");
        await _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, [wanted]);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.EventAppeared>().Any());

        // Then only the wanted event, checkpoints in between, and the server was asked for the filter
        Assert.Equal([wanted.EventId], subscriber.Events.Select(e => e.EventId));
        var checkpoints = subscriber.Messages.OfType<SubscriptionMessage.Checkpoint>().Select(c => c.Position).ToList();
        Assert.True(checkpoints.Count >= 4, $"expected checkpoints, got {checkpoints.Count}");
        Assert.True(checkpoints.Zip(checkpoints.Skip(1)).All(p => p.First < p.Second));
        var request = _node.Reads.Last(r => r.Options.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription);
        Assert.Equal(ReadReq.Types.Options.FilterOptionOneofCase.Filter, request.Options.FilterOptionCase);
        Assert.Matches(request.Options.Filter.EventType.Regex, "InternetOutage");
        Assert.DoesNotMatch(request.Options.Filter.EventType.Regex, "PartyBanned");
    }

    [Fact]
    public async Task with_a_stream_prefix_asks_the_server_for_that_prefix()
    {
        var filter = new SubscriptionFilter { StreamPrefix = "article-" };
        await _store.AppendToStream(TestEvents.Stream("curation"), ExpectedRevision.NoStream, [TestEvents.Json()]);
        var wanted = TestEvents.Json();
        await _store.AppendToStream(TestEvents.Stream("article"), ExpectedRevision.NoStream, [wanted]);

        await using var subscriber = new Subscriber(_store, SubscriptionStart.Start, filter);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.CaughtUp>().Any());
        var extra = TestEvents.Json();
        await _store.AppendToStream(TestEvents.Stream("article"), ExpectedRevision.NoStream, [extra]);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.EventAppeared>().Count() == 2);

        Assert.Equal([wanted.EventId, extra.EventId], subscriber.Events.Select(e => e.EventId));
        var request = _node.Reads.Last(r => r.Options.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription);
        Assert.Equal(["article-"], request.Options.Filter.StreamIdentifier.Prefix);
    }
}
