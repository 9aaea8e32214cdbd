namespace Timeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    /// <summary>Names no adapter accepts: empty, blank, system (<c>$</c>), with whitespace or control characters, too long.</summary>
    public static IReadOnlyList<string> InvalidStreamNames { get; } = ["", "   ", "$all", "has space", "tab\tinside", "line\nbreak", new string('a', 201)];

    [ContractFact]
    public async Task an_invalid_stream_name_is_refused_and_nothing_is_written()
    {
        var tried = new List<EventData>();
        foreach (var stream in InvalidStreamNames)
        {
            var events = NewEvents(1);
            tried.AddRange(events);

            var error = await Record.ExceptionAsync(() => Store.AppendToStream(stream, ExpectedRevision.Any, events));

            Assert.True(error is InvalidEventException, $"Stream name '{stream}' gave {error?.GetType().Name ?? "no error"}.");
        }
        await AssertNotStored(tried);
    }

    [ContractFact]
    public async Task an_event_with_an_empty_type_is_refused_and_nothing_of_its_batch_is_written()
    {
        foreach (var type in new[] { "", " " })
        {
            var stream = NewStream();
            var events = new[] { NewEvent(), NewEvent(type) };

            var error = await Assert.ThrowsAsync<InvalidEventException>(() => Store.AppendToStream(stream, ExpectedRevision.NoStream, events));

            Assert.Contains("type", error.Message);
            Assert.Equal(StreamState.NoStream, await Store.GetStreamState(stream));
            await AssertNotStored(events);
        }
    }

    [ContractFact]
    public async Task an_event_over_one_mebibyte_is_refused_and_nothing_of_its_batch_is_written()
    {
        var stream = NewStream();
        var huge = new EventData(Guid.NewGuid(), "ThingHappened", new byte[1024 * 1024], new byte[] { (byte)'{', (byte)'}' });
        var events = new[] { NewEvent(), huge };

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Store.AppendToStream(stream, ExpectedRevision.NoStream, events));

        Assert.Contains("limit", error.Message);
        Assert.Equal(StreamState.NoStream, await Store.GetStreamState(stream));
        await AssertNotStored(events);
    }

    [ContractFact]
    public async Task the_same_event_id_twice_in_one_append_is_refused_and_nothing_is_written()
    {
        var stream = NewStream();
        var once = NewEvent();
        var events = new[] { once, NewEvent(), once with { Type = "OtherThing" } };

        await Assert.ThrowsAsync<InvalidEventException>(() => Store.AppendToStream(stream, ExpectedRevision.NoStream, events));

        Assert.Equal(StreamState.NoStream, await Store.GetStreamState(stream));
        await AssertNotStored(events);
    }

    [ContractFact]
    public async Task an_event_with_an_empty_id_is_refused()
    {
        var stream = NewStream();
        var events = new[] { NewEvent() with { EventId = Guid.Empty } };

        await Assert.ThrowsAsync<InvalidEventException>(() => Store.AppendToStream(stream, ExpectedRevision.NoStream, events));

        Assert.Equal(StreamState.NoStream, await Store.GetStreamState(stream));
    }

    [ContractFact]
    public async Task a_refused_append_to_an_existing_stream_leaves_it_as_it_was()
    {
        var stream = NewStream();
        await Store.AppendToStream(stream, ExpectedRevision.NoStream, NewEvents(2));
        var events = new[] { NewEvent(), NewEvent(""), NewEvent() };

        await Assert.ThrowsAsync<InvalidEventException>(() => Store.AppendToStream(stream, ExpectedRevision.Exact(1), events));

        Assert.Equal(new StreamState(1), await Store.GetStreamState(stream));
        Assert.Equal(2, (await ReadStream(stream)).Count);
    }

    [ContractFact]
    public async Task reading_a_stream_with_an_invalid_name_is_refused()
    {
        await Assert.ThrowsAsync<InvalidEventException>(() => ReadStream("has space"));
        await Assert.ThrowsAsync<InvalidEventException>(() => Store.GetStreamState(""));
    }
}
