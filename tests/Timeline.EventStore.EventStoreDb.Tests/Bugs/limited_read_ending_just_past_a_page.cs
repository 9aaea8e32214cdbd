using Timeline.EventStore.EventStoreDb.Tests.Fake;

namespace Timeline.EventStore.EventStoreDb.Tests.Bugs;

/// <summary>
/// A limited $all read whose last page asked for one event got back only the repeated event at the page's start
/// position, made no progress and read the same page forever.
/// </summary>
public class limited_read_ending_just_past_a_page
{
    [Theory]
    [InlineData(EventStoreDbEventStore.PageSize + 1)]
    [InlineData(EventStoreDbEventStore.PageSize * 2 - 1)]
    [InlineData(1000)]
    public async Task returns_exactly_the_limit(int limit)
    {
        // Given more events than the limit, read from the position of the first
        await using var node = await FakeNode.Start();
        await using var store = EventStoreDbEventStore.Create(node.ConnectionString);
        var stream = TestEvents.Stream();
        foreach (var chunk in TestEvents.Many(EventStoreDbEventStore.PageSize * 2 + 50).Chunk(400))
            await store.AppendToStream(stream, ExpectedRevision.Any, chunk);
        var first = (await store.ReadStream(stream, ReadDirection.Forwards, null, 1).ToList())[0].Position;

        // When
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await store.ReadAll(ReadDirection.Forwards, first, limit, guard.Token).ToList();

        // Then
        Assert.Equal(Enumerable.Range(0, limit).Select(i => (ulong)i), read.Select(e => e.Revision));
    }
}
