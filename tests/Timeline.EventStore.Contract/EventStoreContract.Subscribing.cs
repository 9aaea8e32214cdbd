namespace Timeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [ContractFact]
    public async Task a_subscription_from_the_start_delivers_history_then_caught_up_once_then_live_events()
    {
        var prefix = NewPrefix();
        var history = NewEvents(5);
        await Store.AppendToStream(NewStream(prefix), ExpectedRevision.NoStream, history);
        var live = NewEvents(3);
        using var guard = new CancellationTokenSource(HangGuard);

        var seen = new List<SubscriptionMessage>();
        await foreach (var message in Store.SubscribeToAll(SubscriptionStart.Start, new SubscriptionFilter { StreamPrefix = prefix }, guard.Token))
        {
            seen.Add(message);
            if (message is SubscriptionMessage.CaughtUp)
                await Store.AppendToStream(NewStream(prefix), ExpectedRevision.NoStream, live);
            if (seen.OfType<SubscriptionMessage.EventAppeared>().Count() == 8) break;
        }

        var ids = seen.Select(m => m is SubscriptionMessage.EventAppeared e ? e.Event.EventId : (Guid?)null).ToList();
        var caughtUpAt = ids.IndexOf(null);
        Assert.Equal(history.Select(e => (Guid?)e.EventId), ids.Take(caughtUpAt));
        Assert.Equal(live.Select(e => (Guid?)e.EventId), ids.Skip(caughtUpAt + 1));
        Assert.Single(seen.OfType<SubscriptionMessage.CaughtUp>());
    }

    [ContractFact]
    public async Task a_subscription_from_the_end_delivers_only_what_is_appended_after_it_started()
    {
        var prefix = NewPrefix();
        await Store.AppendToStream(NewStream(prefix), ExpectedRevision.NoStream, NewEvents(4));
        var live = NewEvents(2);
        using var guard = new CancellationTokenSource(HangGuard);

        var seen = new List<SubscriptionMessage>();
        await foreach (var message in Store.SubscribeToAll(SubscriptionStart.End, new SubscriptionFilter { StreamPrefix = prefix }, guard.Token))
        {
            seen.Add(message);
            if (message is SubscriptionMessage.CaughtUp)
                await Store.AppendToStream(NewStream(prefix), ExpectedRevision.NoStream, live);
            if (seen.OfType<SubscriptionMessage.EventAppeared>().Count() == 2) break;
        }

        Assert.IsType<SubscriptionMessage.CaughtUp>(seen[0]);
        Assert.Equal(live.Select(e => e.EventId), seen.OfType<SubscriptionMessage.EventAppeared>().Select(e => e.Event.EventId));
    }

    [ContractFact]
    public async Task a_subscription_after_a_position_delivers_the_events_after_it_not_the_one_at_it()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(6));
        var mine = await ReadStream(stream);
        using var guard = new CancellationTokenSource(HangGuard);

        var delivered = new List<RecordedEvent>();
        await foreach (var message in Store.SubscribeToAll(SubscriptionStart.AfterPosition(mine[2].Position),
                           new SubscriptionFilter { StreamPrefix = stream }, guard.Token))
        {
            if (message is SubscriptionMessage.EventAppeared e) delivered.Add(e.Event);
            if (message is SubscriptionMessage.CaughtUp) break;
        }

        Assert.Equal(mine.Skip(3).Select(e => e.EventId), delivered.Select(e => e.EventId));
    }

    [ContractFact]
    public async Task catching_up_while_another_thread_appends_delivers_all_ten_thousand_events_once_and_in_order()
    {
        // Given 5,000 events already stored, and a writer that appends 5,000 more while the subscription catches up
        const int historyBatches = 50, historyBatchSize = 100, liveAppends = 1000, liveBatchSize = 5, total = 10_000;
        var prefix = NewPrefix();
        var expected = new List<Guid>(total);
        for (var i = 0; i < historyBatches; i++)
        {
            var events = NewEvents(historyBatchSize);
            await Store.AppendToStream(NewStream(prefix), ExpectedRevision.NoStream, events);
            expected.AddRange(events.Select(e => e.EventId));
        }
        var liveStreams = Enumerable.Range(0, 7).Select(_ => NewStream(prefix)).ToArray();
        var written = new List<Guid>(total / 2);
        using var guard = new CancellationTokenSource(HangGuard);

        // When
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < liveAppends; i++)
            {
                var events = NewEvents(liveBatchSize);
                await Store.AppendToStream(liveStreams[i % liveStreams.Length], ExpectedRevision.Any, events, guard.Token);
                written.AddRange(events.Select(e => e.EventId));
            }
        }, guard.Token);
        var received = new List<RecordedEvent>(total);
        var caughtUp = 0;
        await foreach (var message in Store.SubscribeToAll(SubscriptionStart.Start, new SubscriptionFilter { StreamPrefix = prefix }, guard.Token))
        {
            if (message is SubscriptionMessage.CaughtUp) caughtUp++;
            if (message is SubscriptionMessage.EventAppeared e) received.Add(e.Event);
            if (received.Count == total) break;
        }
        await writer;

        // Then
        expected.AddRange(written);
        Assert.Equal(total, received.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(expected, received.Select(e => e.EventId));
        AssertStrictlyIncreasing(received.Select(e => e.Position).ToList());
        Assert.True(caughtUp <= 1, $"CaughtUp was sent {caughtUp} times.");
    }

    [ContractFact]
    public async Task a_filtered_subscription_delivers_only_matching_events_and_checkpoints_over_skipped_ones()
    {
        var stream = NewStream();
        var skipped = NewEvents(25, "NotWanted");
        var wanted = NewEvents(2, "Wanted");
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, [wanted[0], .. skipped, wanted[1]]);
        var filter = new SubscriptionFilter { StreamPrefix = stream, EventTypes = new HashSet<string> { "Wanted" }, CheckpointInterval = 10 };
        using var guard = new CancellationTokenSource(HangGuard);

        var seen = new List<SubscriptionMessage>();
        await foreach (var message in Store.SubscribeToAll(SubscriptionStart.Start, filter, guard.Token))
        {
            seen.Add(message);
            if (seen.OfType<SubscriptionMessage.EventAppeared>().Count() == 2) break;
        }

        var events = seen.OfType<SubscriptionMessage.EventAppeared>().Select(e => e.Event).ToList();
        Assert.Equal(wanted.Select(e => e.EventId), events.Select(e => e.EventId));
        // On a store that already holds other events (a real server), checkpoints also pass over those before
        // the first wanted event; the ones that matter are those between the two wanted events.
        var firstWanted = seen.FindIndex(m => m is SubscriptionMessage.EventAppeared);
        var checkpoints = seen.Skip(firstWanted).OfType<SubscriptionMessage.Checkpoint>().Select(c => c.Position).ToList();
        Assert.NotEmpty(checkpoints);
        AssertStrictlyIncreasing(checkpoints);
        Assert.All(checkpoints, c => Assert.True(c > events[0].Position && c < events[1].Position, $"Checkpoint {c} is outside the skipped events."));
    }

    [ContractFact]
    public async Task cancelling_a_live_subscription_ends_it_promptly()
    {
        var prefix = NewPrefix();
        await Store.AppendToStream(NewStream(prefix), ExpectedRevision.NoStream, NewEvents(2));
        using var cancel = new CancellationTokenSource();
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivered = 0;

        var consumer = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in Store.SubscribeToAll(SubscriptionStart.Start, new SubscriptionFilter { StreamPrefix = prefix }, cancel.Token))
                {
                    if (message is SubscriptionMessage.EventAppeared) delivered++;
                    if (message is SubscriptionMessage.CaughtUp) caughtUp.TrySetResult();
                }
                return "ended";
            }
            catch (OperationCanceledException)
            {
                return "cancelled";
            }
        });
        await caughtUp.Task.WaitAsync(HangGuard);
        cancel.Cancel();

        var finished = await Task.WhenAny(consumer, Task.Delay(Promptly));

        Assert.Same(consumer, finished);
        Assert.Contains(await consumer, new[] { "ended", "cancelled" });
        Assert.Equal(2, delivered);
    }
}
