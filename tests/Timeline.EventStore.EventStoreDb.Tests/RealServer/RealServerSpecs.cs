namespace Timeline.EventStore.EventStoreDb.Tests.RealServer;

internal static class RealServer
{
    public const string Variable = "TIMELINE_ESDB";
    public const string Reason = "TIMELINE_ESDB is not set, so there is no EventStoreDB to test against; start one with `docker compose up -d eventstore` and set TIMELINE_ESDB=esdb://127.0.0.1:2113?tls=false";

    public static EventStoreDbEventStore Connect() =>
        EventStoreDbEventStore.Create(RequiresEnvironmentAttribute.Value(Variable)
            ?? throw new InvalidOperationException($"{Variable} is not set."));
}

/// <summary>What only a real server can show: its own system events, its idempotency and its subscriptions.</summary>
[RequiresEnvironment(RealServer.Variable, RealServer.Reason)]
public class a_real_eventstoredb : IAsyncLifetime
{
    private EventStoreDbEventStore _store = null!;

    public Task InitializeAsync()
    {
        _store = RealServer.Connect();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task stores_our_events_as_json_and_reads_them_back_unchanged()
    {
        var stream = TestEvents.Stream();
        var written = TestEvents.Many(3);

        await _store.AppendToStream(stream, ExpectedRevision.NoStream, written);
        var read = await _store.ReadStream(stream, ReadDirection.Forwards).ToList();

        Assert.Equal(written.Select(e => e.EventId), read.Select(e => e.EventId));
        Assert.Equal(written.Select(e => e.Data.ToArray()), read.Select(e => e.Data.ToArray()));
        Assert.Equal(written.Select(e => e.Metadata.ToArray()), read.Select(e => e.Metadata.ToArray()));
    }

    [Fact]
    public async Task never_shows_its_system_events_in_all()
    {
        var last = await _store.ReadAll(ReadDirection.Backwards, LogPosition.End, 500).ToList();

        Assert.DoesNotContain(last, e => e.Type.StartsWith('$') || e.Stream.StartsWith('$'));
    }

    [Fact]
    public async Task answers_a_retried_append_as_the_first_time()
    {
        var stream = TestEvents.Stream();
        var events = TestEvents.Many(2);

        var first = await _store.AppendToStream(stream, ExpectedRevision.NoStream, events);
        var again = await _store.AppendToStream(stream, ExpectedRevision.NoStream, events);

        Assert.Equal(first.NextExpectedRevision, again.NextExpectedRevision);
        Assert.Equal(2, (await _store.ReadStream(stream, ReadDirection.Forwards).ToList()).Count);
    }

    [Fact]
    public async Task a_filtered_subscription_catches_up_then_delivers_live_events()
    {
        var type = $"TimelineProbe{Guid.NewGuid():N}";
        var before = TestEvents.Json(type);
        await _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, [before]);

        await using var subscriber = new Subscriber(_store, SubscriptionStart.Start,
            new SubscriptionFilter { EventTypes = new HashSet<string> { type } });
        await subscriber.Until(m => m.OfType<SubscriptionMessage.CaughtUp>().Any());
        var after = TestEvents.Json(type);
        await _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, [after]);
        await subscriber.Until(m => m.OfType<SubscriptionMessage.EventAppeared>().Count() == 2);

        Assert.Equal([before.EventId, after.EventId], subscriber.Events.Select(e => e.EventId));
    }
}
