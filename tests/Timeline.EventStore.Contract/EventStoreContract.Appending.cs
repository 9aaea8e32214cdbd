namespace Timeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [ContractFact]
    public async Task appending_with_no_stream_creates_the_stream_at_revision_zero_and_on()
    {
        var stream = NewStream();

        var result = await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(3));

        Assert.Equal(2UL, result.NextExpectedRevision);
        Assert.Equal(new StreamState(2), await Store.GetStreamState(stream));
        Assert.Equal([0UL, 1UL, 2UL], (await ReadStream(stream)).Select(e => e.Revision));
    }

    [ContractFact]
    public async Task appended_events_read_back_exactly_as_written()
    {
        var stream = NewStream();
        var written = NewEvents(2);

        var result = await Store.AppendToStream(stream, ExpectedRevision.NoStream, written);

        var read = await ReadStream(stream);
        Assert.Equal(2, read.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(stream, read[i].Stream);
            Assert.Equal(written[i].EventId, read[i].EventId);
            Assert.Equal(written[i].Type, read[i].Type);
            Assert.Equal(written[i].Data.ToArray(), read[i].Data.ToArray());
            Assert.Equal(written[i].Metadata.ToArray(), read[i].Metadata.ToArray());
        }
        Assert.Equal(result.Position, read[1].Position);
    }

    [ContractFact]
    public async Task an_event_with_empty_data_and_metadata_reads_back_empty()
    {
        var stream = NewStream();
        var empty = new EventData(Guid.NewGuid(), "NothingSaid", ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);

        await Store.AppendToStream(stream, ExpectedRevision.NoStream, [empty]);

        var read = Assert.Single(await ReadStream(stream));
        Assert.Equal(empty.EventId, read.EventId);
        Assert.Equal(0, read.Data.Length);
        Assert.Equal(0, read.Metadata.Length);
    }

    [ContractFact]
    public async Task no_stream_on_an_existing_stream_is_refused_with_the_actual_revision()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(2));
        var late = NewEvents(1);

        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => Store.AppendToStream(stream, ExpectedRevision.NoStream, late));

        Assert.Equal(stream, error.Stream);
        Assert.True(error.Expected.IsNoStream);
        Assert.Equal(new StreamState(1), error.Actual);
        await AssertNotStored(late);
    }

    [ContractFact]
    public async Task exact_revision_that_matches_the_last_event_appends_after_it()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(2));

        var result = await Store.AppendToStream(stream, ExpectedRevision.Exact(1), NewEvents(2));

        Assert.Equal(3UL, result.NextExpectedRevision);
        Assert.Equal(new StreamState(3), await Store.GetStreamState(stream));
    }

    [ContractFact]
    public async Task exact_revision_behind_the_stream_is_refused_and_writes_nothing()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(3));
        var stale = NewEvents(2);

        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => Store.AppendToStream(stream, ExpectedRevision.Exact(0), stale));

        Assert.Equal(stream, error.Stream);
        Assert.Equal(ExpectedRevision.Exact(0), error.Expected);
        Assert.Equal(new StreamState(2), error.Actual);
        Assert.Equal(3, (await ReadStream(stream)).Count);
        await AssertNotStored(stale);
    }

    [ContractFact]
    public async Task exact_revision_ahead_of_the_stream_is_refused()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(1));

        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => Store.AppendToStream(stream, ExpectedRevision.Exact(5), NewEvents(1)));

        Assert.Equal(new StreamState(0), error.Actual);
        Assert.Equal(ExpectedRevision.Exact(5), error.Expected);
    }

    [ContractFact]
    public async Task exact_revision_on_a_missing_stream_is_refused_with_no_stream_as_actual()
    {
        var stream = NewStream();

        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => Store.AppendToStream(stream, ExpectedRevision.Exact(0), NewEvents(1)));

        Assert.Equal(stream, error.Stream);
        Assert.Equal(StreamState.NoStream, error.Actual);
        Assert.Equal(StreamState.NoStream, await Store.GetStreamState(stream));
    }

    [ContractFact]
    public async Task any_appends_to_a_missing_or_an_existing_stream()
    {
        var stream = NewStream();

        var first = await Store.AppendToStream(stream, ExpectedRevision.Any, NewEvents(2));
        var second = await Store.AppendToStream(stream, ExpectedRevision.Any, NewEvents(2));

        Assert.Equal(1UL, first.NextExpectedRevision);
        Assert.Equal(3UL, second.NextExpectedRevision);
        Assert.True(first.Position < second.Position);
    }

    [ContractFact]
    public async Task two_writers_expecting_the_same_revision_one_wins_and_one_is_refused()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(1));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Store.AppendToStream(stream, ExpectedRevision.Exact(0), NewEvents(2));
                return (Won: true, Error: (WrongExpectedRevisionException?)null);
            }
            catch (WrongExpectedRevisionException e)
            {
                return (Won: false, Error: e);
            }
        })));

        Assert.Single(attempts, a => a.Won);
        var loser = Assert.Single(attempts, a => !a.Won).Error!;
        Assert.Equal(new StreamState(2), loser.Actual);
        Assert.Equal(3, (await ReadStream(stream)).Count);
    }

    [ContractFact]
    public async Task an_append_of_no_events_to_a_missing_stream_creates_no_stream()
    {
        var stream = NewStream();

        await Store.AppendToStream(stream, ExpectedRevision.NoStream, []);

        Assert.Equal(StreamState.NoStream, await Store.GetStreamState(stream));
        Assert.Empty(await ReadStream(stream));
    }

    [ContractFact]
    public async Task retrying_a_no_stream_append_with_the_same_ids_returns_the_first_result_and_writes_nothing()
    {
        var stream = NewStream();
        var events = NewEvents(3);
        var first = await Store.AppendToStream(stream, ExpectedRevision.NoStream, events);

        var retry = await Store.AppendToStream(stream, ExpectedRevision.NoStream, events);

        Assert.Equal(first, retry);
        Assert.Equal(events.Select(e => e.EventId), (await ReadStream(stream)).Select(e => e.EventId));
    }

    [ContractFact]
    public async Task retrying_an_exact_revision_append_with_the_same_ids_returns_the_first_result_and_writes_nothing()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(2));
        var events = NewEvents(2);
        var first = await Store.AppendToStream(stream, ExpectedRevision.Exact(1), events);

        var retry = await Store.AppendToStream(stream, ExpectedRevision.Exact(1), events);

        Assert.Equal(first, retry);
        Assert.Equal(4, (await ReadStream(stream)).Count);
    }

    [ContractFact]
    public async Task retrying_an_any_append_with_the_same_ids_returns_the_first_result_and_writes_nothing()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.Any, NewEvents(1));
        var events = NewEvents(3);
        var first = await Store.AppendToStream(stream, ExpectedRevision.Any, events);

        var retry = await Store.AppendToStream(stream, ExpectedRevision.Any, events);

        Assert.Equal(first, retry);
        Assert.Equal(4, (await ReadStream(stream)).Count);
    }

    [ContractFact]
    public async Task retrying_an_earlier_append_after_the_stream_moved_on_is_still_recognised()
    {
        var stream = NewStream();
        var events = NewEvents(2);
        var first = await Store.AppendToStream(stream, ExpectedRevision.NoStream, events);
        await Store.AppendToStream(stream, ExpectedRevision.Exact(1), NewEvents(2));

        var retry = await Store.AppendToStream(stream, ExpectedRevision.NoStream, events);

        Assert.Equal(first, retry);
        Assert.Equal(4, (await ReadStream(stream)).Count);
    }

    [ContractFact]
    public async Task a_retry_whose_ids_differ_from_what_is_stored_is_a_conflict_not_a_retry()
    {
        var stream = NewStream();
        var events = NewEvents(2);
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, events);
        var changed = new[] { events[0], NewEvent() };

        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => Store.AppendToStream(stream, ExpectedRevision.NoStream, changed));

        Assert.Equal(new StreamState(1), error.Actual);
        await AssertNotStored([changed[1]]);
    }

    [ContractFact]
    public async Task positions_increase_strictly_across_appends_and_streams_in_append_order()
    {
        var prefix = NewPrefix();
        var streams = Enumerable.Range(0, 3).Select(_ => NewStream(prefix)).ToArray();
        var appended = new List<Guid>();
        var results = new List<AppendResult>();
        for (var round = 0; round < 3; round++)
            foreach (var stream in streams)
            {
                var events = NewEvents(round + 1);
                results.Add(await Store.AppendToStream(stream, ExpectedRevision.Any, events));
                appended.AddRange(events.Select(e => e.EventId));
            }

        AssertStrictlyIncreasing(results.Select(r => r.Position).ToList());
        var first = (await ReadStream(streams[0]))[0].Position;
        var log = (await ReadAll(ReadDirection.Forwards, first)).Where(e => e.Stream.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(appended, log.Select(e => e.EventId));
        AssertStrictlyIncreasing(log.Select(e => e.Position).ToList());
        var head = await Store.GetHeadPosition();
        Assert.NotNull(head);
        Assert.True(head >= results[^1].Position);
    }
}
