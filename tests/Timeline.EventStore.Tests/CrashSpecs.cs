using Timeline.EventStore.Sqlite;

namespace Timeline.EventStore.Tests;

public sealed class a_writer_process_killed_at_a_random_moment : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task loses_no_acknowledged_append_and_leaves_no_half_written_one(int run)
    {
        // Given a child process appending batches of 1–20 events in a loop
        var path = _folder.File($"crash-{run}.db");
        var random = new Random();
        using var writer = ChildWriter.Start(path, "crash-");
        await writer.Ready.WaitAsync(TimeSpan.FromSeconds(60));

        // When it is killed with SIGKILL after a random number of acknowledged appends, plus a random few milliseconds
        await writer.WaitForAcks(random.Next(1, 300), TimeSpan.FromSeconds(60));
        await Task.Delay(random.Next(0, 20));
        writer.Kill();
        var acks = writer.Acks;

        // Then the reopened file has every acknowledged append, and every batch in it is whole
        await using var store = SqliteEventStore.Open(path);
        var batches = await WrittenBatches.AssertIntact(store, acks);
        Assert.InRange(batches, acks.Count, acks.Count + 1);
    }

    public void Dispose() => _folder.Dispose();
}
