using Grpc.Core;
using Timeline.Api.Events.Subscriptions;
using Timeline.Api.Tests.Support;
using Timeline.Api.V1;

namespace Timeline.Api.Tests;

public sealed class a_subscriber_that_reconnects_with_its_last_position : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task receives_the_rest_of_the_log_without_gap_or_duplicate()
    {
        // Given six events in the log, and a subscriber that read three of them and disconnected
        for (var i = 0; i < 6; i++)
            await _server.Store.Append($"art-{i}", TestEvents.Statement($"art-{i}", "Speaker " + (char)('a' + i), "TJ", $"Quote {i}"));
        string lastSeen;
        using (var first = _server.Events.Subscribe(new SubscribeRequest { From = "start" }, cancellationToken: SubscriptionReader.Soon()))
        {
            var firstThree = await first.ResponseStream.ReadEvents(3);
            lastSeen = firstThree[^1].Position;
        }

        // When it subscribes again from that position, and more events are appended meanwhile
        using var resumed = _server.Events.Subscribe(new SubscribeRequest { From = lastSeen }, cancellationToken: SubscriptionReader.Soon());
        await _server.Store.Append("art-6", TestEvents.Statement("art-6", "Speaker g", "TJ", "Quote 6"));
        var rest = await resumed.ResponseStream.ReadEvents(4);

        // Then it gets exactly the events after its position, in order
        Assert.Equal(["Quote 3", "Quote 4", "Quote 5", "Quote 6"], rest.Select(e => e.Source.Evidence));
        Assert.Equal(["4", "5", "6", "7"], rest.Select(e => e.Position));
    }

    [Fact]
    public async Task from_end_receives_only_what_is_appended_after_it_subscribed()
    {
        // Given an event already in the log
        await _server.Store.Append("old", TestEvents.Statement("old", "Old Speaker", "TJ", "Old news"));

        // When a subscriber starts from the end and a new event is appended
        using var live = _server.Events.Subscribe(new SubscribeRequest { From = "end" }, cancellationToken: SubscriptionReader.Soon());
        await live.ResponseStream.ReadUntilCaughtUp();
        await _server.Store.Append("new", TestEvents.Statement("new", "New Speaker", "TJ", "New news"));

        // Then the first event it receives is the new one
        var first = Assert.Single(await live.ResponseStream.ReadEvents(1));
        Assert.Equal("New news", first.Source.Evidence);
    }
}

public sealed class a_subscriber_filtering_by_type_actor_and_country : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start(subscriptions: new SubscriptionOptions { CheckpointEvery = 5, CheckpointPeriod = TimeSpan.FromHours(1) });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task receives_only_matching_events_and_checkpoints_while_others_pass()
    {
        // Given a log with many events of other actors and countries, and a few of Kabiri in the US
        for (var i = 0; i < 12; i++)
            await _server.Store.Append($"other-{i}", TestEvents.Statement($"other-{i}", "Someone Else", "TJ", $"Other {i}"));
        await _server.Store.Append("kabiri-us", TestEvents.Statement("kabiri-us", "Zafar Nazarov", "US", "In Washington"));
        await _server.Store.Append("kabiri-tj", TestEvents.Statement("kabiri-tj", "Zafar Nazarov", "TJ", "In Dushanbe"));

        // When a subscriber asks from the start for Kabiri's statements in the US
        using var call = _server.Events.Subscribe(new SubscribeRequest
        {
            From = "start",
            Types_ = { "statementmade" },
            Actor = "Zafar Nazarov",
            Country = "US",
        }, cancellationToken: SubscriptionReader.Soon());
        var messages = await call.ResponseStream.ReadUntilCaughtUp();

        // Then only the matching event arrives, and checkpoints carry the position past the skipped ones
        var events = messages.Where(m => m.KindCase == SubscribeResponse.KindOneofCase.Event).ToList();
        Assert.Equal("In Washington", Assert.Single(events).Event.Source.Evidence);
        var checkpoints = messages.Where(m => m.KindCase == SubscribeResponse.KindOneofCase.Checkpoint).ToList();
        Assert.True(checkpoints.Count >= 2, $"expected checkpoints while 12 events were skipped, got {checkpoints.Count}");
        Assert.Equal(["5", "10"], checkpoints.Take(2).Select(c => c.Position));
        Assert.Equal("14", messages[^1].Position);
    }
}

public sealed class a_subscriber_too_slow_to_keep_up : IAsyncLifetime
{
    private const int Buffer = 16;
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start(subscriptions: new SubscriptionOptions { BufferCapacity = Buffer });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task gets_resource_exhausted_and_the_server_buffers_no_more_than_its_limit()
    {
        // Given a subscriber that has caught up and then stops reading
        using var call = _server.Events.Subscribe(new SubscribeRequest { From = "start" }, cancellationToken: SubscriptionReader.Soon());
        await call.ResponseStream.ReadUntilCaughtUp();

        // When far more is appended than the network and its buffer can hold (≈ 3 MB, in events of ≈ 1.5 KB)
        var quote = new string('x', 1500);
        for (var i = 0; i < 2000 && _server.Subscriptions.Overflowed == 0; i++)
            await _server.Store.Append($"flood-{i}", TestEvents.Statement($"flood-{i}", "Flood Speaker", "TJ", quote, i));

        // Then the server cut it off without ever buffering more than its limit for it
        Assert.Equal(1, _server.Subscriptions.Overflowed);
        Assert.InRange(_server.Subscriptions.PeakBuffered, 1, Buffer);

        // And once it reads again it gets what was already in flight, then RESOURCE_EXHAUSTED with the position to resume from
        string lastPosition = "";
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(SubscriptionReader.Soon()))
                lastPosition = call.ResponseStream.Current.Position;
        });
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains($"from={lastPosition}", error.Status.Detail);

        // And the server stopped reading the log for it
        await RunningServer.Eventually(() => Task.FromResult(_server.Subscriptions.Active == 0), "the subscription ended on the server");
    }
}

public sealed class a_subscription_with_a_deadline : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ends_with_deadline_exceeded_and_frees_its_server_side()
    {
        // Given a subscription whose deadline is half a second away
        using var call = _server.Events.Subscribe(new SubscribeRequest { From = "start" }, deadline: DateTime.UtcNow.AddMilliseconds(500));

        // When the client keeps reading past the deadline
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext()) { }
        });

        // Then the call ends with DEADLINE_EXCEEDED and the server releases it
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await RunningServer.Eventually(() => Task.FromResult(_server.Subscriptions.Active == 0), "the subscription ended on the server");
    }
}
