using System.Text;
using Microsoft.Data.Sqlite;
using Timeline.Application.Hosting;
using Timeline.EventStore.Sqlite;

namespace Timeline.EventStore.Tests;

public sealed class two_processes_writing_one_sqlite_file_at_once : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task both_keep_every_append_whole_in_one_gapless_order()
    {
        // Given two child processes appending 150 batches each to the same new file
        var path = _folder.File("shared.db");
        using var first = ChildWriter.Start(path, "first-", batches: 150);
        using var second = ChildWriter.Start(path, "second-", batches: 150);

        // When both finish
        Assert.Equal(0, await first.WaitForExit(TimeSpan.FromSeconds(90)));
        Assert.Equal(0, await second.WaitForExit(TimeSpan.FromSeconds(90)));

        // Then every acknowledged batch of both is there, whole, and positions have no gap
        await using var store = SqliteEventStore.Open(path);
        var batches = await WrittenBatches.AssertIntact(store, [.. first.Acks, .. second.Acks]);
        Assert.Equal(300, batches);
        Assert.Equal(150, first.Acks.Count);
        Assert.Equal(150, second.Acks.Count);
    }

    [Fact]
    public async Task a_live_subscription_here_delivers_what_another_process_appends()
    {
        // Given a subscription in this process that has caught up on an empty file
        var path = _folder.File("watched.db");
        await using var store = SqliteEventStore.Open(path);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new List<RecordedEvent>();
        var subscriber = Task.Run(async () =>
        {
            await foreach (var message in store.SubscribeToAll(SubscriptionStart.Start, cancellationToken: stop.Token))
            {
                if (message is SubscriptionMessage.CaughtUp) caughtUp.TrySetResult();
                if (message is SubscriptionMessage.EventAppeared e) lock (received) received.Add(e.Event);
            }
        });
        await caughtUp.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // When another process appends 30 batches and exits
        using var writer = ChildWriter.Start(path, "elsewhere-", batches: 30);
        Assert.Equal(0, await writer.WaitForExit(TimeSpan.FromSeconds(60)));
        var expected = writer.Acks.Sum(a => a.Count);
        while (Count() < expected && !stop.IsCancellationRequested)
            await Task.Delay(20);
        await stop.CancelAsync();
        await subscriber;

        // Then every event it acknowledged arrived, once, in log order
        Assert.Equal(expected, received.Count);
        Assert.Equal(Enumerable.Range(1, received.Count).Select(i => LogPosition.Of((ulong)i)), received.Select(e => e.Position));
        Assert.All(writer.Acks, ack => Assert.Contains(received, e => e.Position == ack.Position && e.Stream == ack.Stream));

        int Count()
        {
            lock (received) return received.Count;
        }
    }

    public void Dispose() => _folder.Dispose();
}

public sealed class two_store_instances_in_one_process_sharing_a_file : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SqliteEventStore _one = null!;
    private SqliteEventStore _other = null!;

    public Task InitializeAsync()
    {
        _one = SqliteEventStore.Open(_folder.File("shared.db"));
        _other = SqliteEventStore.Open(_folder.File("shared.db"));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task writers_on_both_take_turns_without_losing_or_repeating_an_append()
    {
        // Given four threads, two per instance, appending to one shared stream with any and to their own with exact revisions
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var store = w % 2 == 0 ? _one : _other;
            var own = ExpectedRevision.NoStream;
            for (var i = 0; i < 50; i++)
            {
                await store.AppendToStream("shared", ExpectedRevision.Any, [Event()]);
                own = ExpectedRevision.Exact((await store.AppendToStream($"own-{w}", own, [Event(), Event()])).NextExpectedRevision);
            }
        })).ToArray();

        // When they all finish
        await Task.WhenAll(writers);

        // Then every append is there once, in a gapless order
        var log = new List<RecordedEvent>();
        await foreach (var e in _other.ReadAll(ReadDirection.Forwards, LogPosition.Start)) log.Add(e);
        Assert.Equal(4 * 50 * 3, log.Count);
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => LogPosition.Of((ulong)i)), log.Select(e => e.Position));
        Assert.Equal(new StreamState(199), await _one.GetStreamState("shared"));
        for (var w = 0; w < 4; w++)
            Assert.Equal(new StreamState(99), await _other.GetStreamState($"own-{w}"));
    }

    [Fact]
    public async Task a_subscription_on_one_sees_what_the_other_appends()
    {
        // Given a live subscription on one instance (appends through the other instance do not signal it: it must poll)
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var written = new[] { Event(), Event(), Event() };
        var seen = new List<Guid>();

        // When the other instance appends after the subscription has caught up
        await foreach (var message in _one.SubscribeToAll(SubscriptionStart.Start, cancellationToken: guard.Token))
        {
            if (message is SubscriptionMessage.CaughtUp)
                await _other.AppendToStream("elsewhere", ExpectedRevision.NoStream, written);
            if (message is SubscriptionMessage.EventAppeared e) seen.Add(e.Event.EventId);
            if (seen.Count == written.Length) break;
        }

        // Then the subscription delivers them
        Assert.Equal(written.Select(e => e.EventId), seen);
    }

    private static EventData Event() => new(Guid.NewGuid(), "ThingHappened", "{}"u8.ToArray(), "{}"u8.ToArray());

    public async Task DisposeAsync()
    {
        await _one.DisposeAsync();
        await _other.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class a_reopened_sqlite_store : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task keeps_every_stream_event_position_and_byte()
    {
        // Given a store with a few appends, closed
        var path = _folder.File("events.db");
        var events = Enumerable.Range(0, 5)
            .Select(i => new EventData(Guid.NewGuid(), "ThingHappened", Encoding.UTF8.GetBytes($$"""{"n":{{i}},"text":"Душанбе"}"""), "{\"v\":1}"u8.ToArray()))
            .ToArray();
        List<RecordedEvent> before = [];
        await using (var store = SqliteEventStore.Open(path))
        {
            await store.AppendToStream("article-a", ExpectedRevision.NoStream, events[..3]);
            await store.AppendToStream("article-b", ExpectedRevision.NoStream, events[3..]);
            await foreach (var e in store.ReadAll(ReadDirection.Forwards, LogPosition.Start)) before.Add(e);
        }

        // When it is opened again
        await using var reopened = SqliteEventStore.Open(path);
        var after = new List<RecordedEvent>();
        await foreach (var e in reopened.ReadAll(ReadDirection.Forwards, LogPosition.Start)) after.Add(e);

        // Then everything is as it was, and appends continue where they stopped
        Assert.Equal(before.Select(Describe), after.Select(Describe));
        Assert.Equal(new StreamState(2), await reopened.GetStreamState("article-a"));
        Assert.Equal(LogPosition.Of(5), await reopened.GetHeadPosition());
        var next = await reopened.AppendToStream("article-a", ExpectedRevision.Exact(2), [events[0] with { EventId = Guid.NewGuid() }]);
        Assert.Equal(new AppendResult(3, LogPosition.Of(6)), next);
    }

    private static string Describe(RecordedEvent e) =>
        $"{e.Stream}/{e.Revision}@{e.Position} {e.EventId} {e.Type} {Convert.ToHexString(e.Data.Span)} {Convert.ToHexString(e.Metadata.Span)} {e.Created:O}";

    public void Dispose() => _folder.Dispose();
}

public sealed class opening_a_sqlite_store : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task creates_the_missing_folders_and_a_file_in_wal_mode()
    {
        var path = Path.Combine(_folder.Path, "a", "b", "timeline.db");

        await using (var store = SqliteEventStore.Open(path))
            await store.AppendToStream("s", ExpectedRevision.NoStream, [new EventData(Guid.NewGuid(), "T", "{}"u8.ToArray(), "{}"u8.ToArray())]);

        Assert.True(File.Exists(path));
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void at_a_path_that_is_a_folder_fails_as_unavailable_naming_the_path()
    {
        var error = Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(_folder.Path));

        Assert.Contains(_folder.Path, error.Message);
    }

    [Fact]
    public void a_file_written_by_a_newer_schema_fails_as_unavailable()
    {
        var path = _folder.File("newer.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(path));

        Assert.Contains("99", error.Message);
    }

    [Theory]
    [InlineData("x.db", SqliteSyncMode.Full)]
    [InlineData("x.db?sync=normal", SqliteSyncMode.Normal)]
    [InlineData("x.db?sync=FULL", SqliteSyncMode.Full)]
    public void the_location_may_choose_how_commits_are_synced(string location, SqliteSyncMode sync)
    {
        var (path, options) = SqliteStoreOptions.ParseLocation(location);

        Assert.Equal("x.db", path);
        Assert.Equal(sync, options.Sync);
    }

    [Fact]
    public void an_unknown_location_option_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => SqliteStoreOptions.ParseLocation("x.db?fast=yes"));

        Assert.Contains("fast=yes", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}

public sealed class the_event_store_factory : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task opens_a_sqlite_uri_as_the_embedded_store_at_that_path()
    {
        var path = Path.Combine(_folder.Path, "data", "timeline.db");

        await using var store = await EventStoreFactory.Open(StoreUri.Parse($"sqlite:{path}?sync=normal"));

        Assert.IsType<SqliteEventStore>(store);
        Assert.Equal($"sqlite:{path}", store.Description);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task opens_memory_as_a_fresh_in_process_store()
    {
        await using var store = await EventStoreFactory.Open("memory:");

        Assert.Null(await store.GetHeadPosition());
    }

    [Fact]
    public async Task refuses_what_is_not_a_store_uri_as_unavailable()
    {
        await Assert.ThrowsAsync<EventStoreUnavailableException>(() => EventStoreFactory.Open("ftp://example"));
    }

    public void Dispose() => _folder.Dispose();
}
