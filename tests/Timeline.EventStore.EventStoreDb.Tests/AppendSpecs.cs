using System.Text;
using Timeline.EventStore.EventStoreDb.Protocol.Streams;
using Timeline.EventStore.EventStoreDb.Tests.Fake;

namespace Timeline.EventStore.EventStoreDb.Tests;

public class appending_to_a_server : IAsyncLifetime
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

    [Fact]
    public async Task sends_no_stream_as_the_no_stream_option()
    {
        await _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, [TestEvents.Json()]);

        var options = Assert.Single(_node.Appends);
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream, options.ExpectedStreamRevisionCase);
    }

    [Fact]
    public async Task sends_any_as_the_any_option()
    {
        await _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.Any, [TestEvents.Json()]);

        var options = Assert.Single(_node.Appends);
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any, options.ExpectedStreamRevisionCase);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(2UL)]
    public async Task sends_an_exact_revision_as_the_revision_option(ulong revision)
    {
        // Given a stream whose last revision is the one expected
        var stream = TestEvents.Stream();
        await _store.AppendToStream(stream, ExpectedRevision.NoStream, TestEvents.Many((int)revision + 1));

        // When
        var result = await _store.AppendToStream(stream, ExpectedRevision.Exact(revision), [TestEvents.Json()]);

        // Then
        var options = _node.Appends.Last();
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision, options.ExpectedStreamRevisionCase);
        Assert.Equal(revision, options.Revision);
        Assert.Equal(revision + 1, result.NextExpectedRevision);
        Assert.Equal(stream, options.StreamIdentifier.StreamName.ToStringUtf8());
    }

    [Fact]
    public async Task writes_json_events_with_type_content_type_id_and_our_metadata()
    {
        // Given
        var e = TestEvents.Json("ConferenceHeld", 7);

        // When
        await _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, [e]);

        // Then the server sees an ordinary JSON event, with our metadata as its user metadata
        var proposed = Assert.Single(_node.Proposed);
        Assert.Equal("ConferenceHeld", proposed.Metadata["type"]);
        Assert.Equal("application/json", proposed.Metadata["content-type"]);
        Assert.Equal(e.EventId.ToString(), FakeUuid.Text(proposed.Id));
        Assert.Equal(Encoding.UTF8.GetString(e.Metadata.Span), proposed.CustomMetadata.ToStringUtf8());
        Assert.Equal(Encoding.UTF8.GetString(e.Data.Span), proposed.Data.ToStringUtf8());
    }

    [Fact]
    public async Task returns_the_server_revision_and_position()
    {
        var result = await _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, TestEvents.Many(3));

        var last = _node.Log.All[^1];
        Assert.Equal(2UL, result.NextExpectedRevision);
        Assert.Equal(new LogPosition(last.Commit, last.Prepare), result.Position);
    }

    [Fact]
    public async Task retried_with_the_same_event_ids_writes_nothing_more()
    {
        // Given an append that succeeded but whose answer the writer never saw
        var stream = TestEvents.Stream();
        var events = TestEvents.Many(3);
        var first = await _store.AppendToStream(stream, ExpectedRevision.NoStream, events);

        // When it is sent again
        var retried = await _store.AppendToStream(stream, ExpectedRevision.NoStream, events);

        // Then
        Assert.Equal(first, retried);
        Assert.Equal(3, _node.Log.Stream(stream)!.Count);
    }

    [Fact]
    public async Task an_invalid_event_is_refused_before_anything_is_sent()
    {
        await Assert.ThrowsAsync<InvalidEventException>(() =>
            _store.AppendToStream("$system", ExpectedRevision.Any, [TestEvents.Json()]));
        Assert.Empty(_node.Appends);
    }
}

public class appending_at_the_wrong_revision : IAsyncLifetime
{
    private FakeNode _node = null!;
    private EventStoreDbEventStore _store = null!;
    private readonly string _stream = TestEvents.Stream();

    public async Task InitializeAsync()
    {
        _node = await FakeNode.Start();
        _store = EventStoreDbEventStore.Create(_node.ConnectionString);
        await _store.AppendToStream(_stream, ExpectedRevision.NoStream, TestEvents.Many(2));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task no_stream_on_an_existing_stream_reports_the_actual_revision()
    {
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() =>
            _store.AppendToStream(_stream, ExpectedRevision.NoStream, [TestEvents.Json()]));

        Assert.Equal(_stream, error.Stream);
        Assert.Equal(ExpectedRevision.NoStream, error.Expected);
        Assert.Equal(new StreamState(1), error.Actual);
    }

    [Fact]
    public async Task an_old_exact_revision_reports_the_actual_revision_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() =>
            _store.AppendToStream(_stream, ExpectedRevision.Exact(0), [TestEvents.Json()]));

        Assert.Equal(ExpectedRevision.Exact(0), error.Expected);
        Assert.Equal(new StreamState(1), error.Actual);
        Assert.Equal(2, _node.Log.Stream(_stream)!.Count);
    }

    [Fact]
    public async Task an_exact_revision_on_a_missing_stream_reports_no_stream()
    {
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() =>
            _store.AppendToStream(TestEvents.Stream(), ExpectedRevision.Exact(4), [TestEvents.Json()]));

        Assert.Equal(StreamState.NoStream, error.Actual);
    }
}
