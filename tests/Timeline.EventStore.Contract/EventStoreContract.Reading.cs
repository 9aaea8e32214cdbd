namespace Timeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [ContractFact]
    public async Task a_missing_stream_reads_as_empty_in_both_directions_and_has_no_state()
    {
        var stream = NewStream();

        Assert.Empty(await ReadStream(stream, ReadDirection.Forwards));
        Assert.Empty(await ReadStream(stream, ReadDirection.Backwards));
        Assert.Equal(StreamState.NoStream, await Store.GetStreamState(stream));
    }

    [ContractFact]
    public async Task a_stream_reads_forwards_from_a_revision_with_a_limit()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(10));

        var read = await ReadStream(stream, ReadDirection.Forwards, fromRevision: 3, maxCount: 4);

        Assert.Equal([3UL, 4UL, 5UL, 6UL], read.Select(e => e.Revision));
    }

    [ContractFact]
    public async Task a_stream_reads_backwards_from_the_end_or_from_a_revision_with_a_limit()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(10));

        var fromEnd = await ReadStream(stream, ReadDirection.Backwards, maxCount: 3);
        var fromFive = await ReadStream(stream, ReadDirection.Backwards, fromRevision: 5);

        Assert.Equal([9UL, 8UL, 7UL], fromEnd.Select(e => e.Revision));
        Assert.Equal([5UL, 4UL, 3UL, 2UL, 1UL, 0UL], fromFive.Select(e => e.Revision));
    }

    [ContractFact]
    public async Task reading_a_stream_past_its_end_or_with_a_zero_limit_gives_nothing()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(3));

        Assert.Empty(await ReadStream(stream, ReadDirection.Forwards, fromRevision: 3));
        Assert.Empty(await ReadStream(stream, ReadDirection.Forwards, maxCount: 0));
    }

    [ContractFact]
    public async Task all_reads_forwards_from_an_inclusive_position_with_a_limit()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(5));
        var mine = await ReadStream(stream);

        var read = await ReadAll(ReadDirection.Forwards, mine[1].Position, maxCount: 3);

        Assert.Equal(3, read.Count);
        Assert.Equal(mine[1].EventId, read[0].EventId);
        AssertStrictlyIncreasing(read.Select(e => e.Position).ToList());
    }

    [ContractFact]
    public async Task all_reads_backwards_from_an_inclusive_position_with_a_limit()
    {
        var stream = NewStream();
        var result = await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(5));

        var read = await ReadAll(ReadDirection.Backwards, result.Position, maxCount: 3);

        Assert.Equal(3, read.Count);
        Assert.Equal(stream, read[0].Stream);
        Assert.Equal(4UL, read[0].Revision);
        var positions = read.Select(e => e.Position).Reverse().ToList();
        AssertStrictlyIncreasing(positions);
    }

    [ContractFact]
    public async Task all_reads_backwards_from_the_end_starting_with_the_newest_event()
    {
        var stream = NewStream();
        var result = await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(2));

        var newest = await ReadAll(ReadDirection.Backwards, LogPosition.End, maxCount: 1);

        Assert.Single(newest);
        Assert.True(newest[0].Position >= result.Position);
    }

    [ContractFact]
    public async Task reading_many_events_crosses_page_boundaries_without_loss_or_repeat()
    {
        var stream = NewStream();
        var written = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            var events = NewEvents(500);
            await Store.AppendToStream(stream, ExpectedRevision.Any, events);
            written.AddRange(events.Select(e => e.EventId));
        }
        var first = (await ReadStream(stream, maxCount: 1))[0].Position;

        var forwards = (await ReadAll(ReadDirection.Forwards, first)).Where(e => e.Stream == stream).ToList();
        var limited = await ReadAll(ReadDirection.Forwards, first, maxCount: 4500);
        var streamBackwards = await ReadStream(stream, ReadDirection.Backwards);

        Assert.Equal(written, forwards.Select(e => e.EventId));
        Assert.Equal(4500, limited.Count);
        Assert.Equal(written.AsEnumerable().Reverse(), streamBackwards.Select(e => e.EventId));
    }
}
