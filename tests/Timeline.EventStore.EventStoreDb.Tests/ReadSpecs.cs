using Timeline.EventStore.EventStoreDb.Tests.Fake;

namespace Timeline.EventStore.EventStoreDb.Tests;

public class reading_from_a_server_with_system_events : IAsyncLifetime
{
    private FakeNode _node = null!;
    private EventStoreDbEventStore _store = null!;
    private readonly string _a = TestEvents.Stream();
    private readonly string _b = TestEvents.Stream();

    public async Task InitializeAsync()
    {
        // Given a server log that starts with its own system events and has ours interleaved with more of them
        _node = await FakeNode.Start();
        _store = EventStoreDbEventStore.Create(_node.ConnectionString);
        await _store.AppendToStream(_a, ExpectedRevision.NoStream, TestEvents.Many(3));
        _node.Log.WriteSystem("$stats-127.0.0.1:2113", "$statsCollected");
        await _store.AppendToStream(_b, ExpectedRevision.NoStream, TestEvents.Many(2, "InternetOutage"));
        _node.Log.WriteSystem("$$" + _b, "$metadata");
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task a_stream_reads_forwards_and_backwards_with_a_limit()
    {
        var forwards = await _store.ReadStream(_a, ReadDirection.Forwards, 1).ToList();
        var backwards = await _store.ReadStream(_a, ReadDirection.Backwards, null, 2).ToList();

        Assert.Equal([1UL, 2UL], forwards.Select(e => e.Revision));
        Assert.Equal([2UL, 1UL], backwards.Select(e => e.Revision));
        Assert.All(forwards, e => Assert.Equal("PartyBanned", e.Type));
    }

    [Fact]
    public async Task a_missing_stream_reads_as_empty()
    {
        Assert.Empty(await _store.ReadStream(TestEvents.Stream(), ReadDirection.Forwards).ToList());
        Assert.Equal(StreamState.NoStream, await _store.GetStreamState(TestEvents.Stream()));
    }

    [Fact]
    public async Task all_reads_forwards_without_the_servers_own_events()
    {
        var all = await _store.ReadAll(ReadDirection.Forwards, LogPosition.Start).ToList();

        Assert.Equal([_a, _a, _a, _b, _b], all.Select(e => e.Stream));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Position < p.Second.Position));
    }

    [Fact]
    public async Task all_reads_backwards_from_the_end_with_a_limit()
    {
        var last = await _store.ReadAll(ReadDirection.Backwards, LogPosition.End, 3).ToList();

        Assert.Equal([_b, _b, _a], last.Select(e => e.Stream));
        Assert.Equal([1UL, 0UL, 2UL], last.Select(e => e.Revision));
    }

    [Fact]
    public async Task all_read_from_a_position_includes_the_event_there_in_both_directions()
    {
        // Given the position of the first event of the second stream
        var all = await _store.ReadAll(ReadDirection.Forwards, LogPosition.Start).ToList();
        var middle = all[3];

        // When
        var forwards = await _store.ReadAll(ReadDirection.Forwards, middle.Position).ToList();
        var backwards = await _store.ReadAll(ReadDirection.Backwards, middle.Position).ToList();

        // Then
        Assert.Equal(all.Skip(3).Select(e => e.EventId), forwards.Select(e => e.EventId));
        Assert.Equal(all.Take(4).Reverse().Select(e => e.EventId), backwards.Select(e => e.EventId));
    }

    [Fact]
    public async Task events_read_back_carry_the_written_ids_data_and_metadata()
    {
        var written = TestEvents.Json("StatementMade", 42);
        var stream = TestEvents.Stream();
        await _store.AppendToStream(stream, ExpectedRevision.NoStream, [written]);

        var read = Assert.Single(await _store.ReadStream(stream, ReadDirection.Forwards).ToList());

        Assert.Equal(written.EventId, read.EventId);
        Assert.Equal("StatementMade", read.Type);
        Assert.Equal(written.Data.ToArray(), read.Data.ToArray());
        Assert.Equal(written.Metadata.ToArray(), read.Metadata.ToArray());
        Assert.True(read.Created > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task the_head_is_our_last_event_and_stream_state_its_last_revision()
    {
        var head = await _store.GetHeadPosition();
        var state = await _store.GetStreamState(_b);

        var lastOfOurs = _node.Log.All.Last(r => !r.Type.StartsWith('$'));
        Assert.Equal(new LogPosition(lastOfOurs.Commit, lastOfOurs.Prepare), head);
        Assert.Equal(new StreamState(1), state);
    }
}

public class reading_more_than_one_page
{
    [Fact]
    public async Task pages_through_the_log_without_gaps_or_repeats()
    {
        // Given more events than one read call returns
        await using var node = await FakeNode.Start();
        await using var store = EventStoreDbEventStore.Create(node.ConnectionString);
        var stream = TestEvents.Stream();
        var count = EventStoreDbEventStore.PageSize * 2 + 7;
        foreach (var chunk in TestEvents.Many(count).Chunk(300))
            await store.AppendToStream(stream, ExpectedRevision.Any, chunk);

        // When
        var all = await store.ReadAll(ReadDirection.Forwards, LogPosition.Start).ToList();
        var backwards = await store.ReadStream(stream, ReadDirection.Backwards).ToList();

        // Then
        Assert.Equal(Enumerable.Range(0, count).Select(i => (ulong)i), all.Select(e => e.Revision));
        Assert.Equal(count, backwards.Select(e => e.Revision).Distinct().Count());
        Assert.True(node.Reads.Count >= 3);
    }
}
