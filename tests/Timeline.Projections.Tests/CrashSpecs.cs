using Timeline.EventStore;
using Timeline.EventStore.Sqlite;
using Timeline.Projections.ReadModel;
using Timeline.Projections.Tests.Support;

namespace Timeline.Projections.Tests;

/// <summary>A SQLite event store with a few thousand events, written once for the crash tests.</summary>
public sealed class CrashLog : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public string StorePath => Path.Combine(_folder.Path, "timeline.db");
    public LogPosition Head { get; private set; }
    public string ReferenceSnapshot { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var store = SqliteEventStore.Open(StorePath);
        Head = await SampleLog.AppendAll(store, SampleLog.Articles(900, seed: 7));
        await using var reference = new ProjectionHarness(Path.Combine(_folder.Path, "reference"), store);
        await reference.CatchUp();
        ReferenceSnapshot = await reference.Snapshot();
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class a_cli_killed_while_it_projects : IClassFixture<CrashLog>
{
    private readonly CrashLog _log;

    public a_cli_killed_while_it_projects(CrashLog log) => _log = log;

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.6)]
    public async Task restarts_from_its_checkpoint_to_the_same_read_model_without_duplicates(double killAt)
    {
        // Given a query command catching the read model up one event per transaction (on an idle machine larger
        // transactions finish the whole log before the test can kill the child half way)
        using var data = new TempFolder();
        using (var child = ChildCli.Start(data.Path, _log.StorePath, batchSize: 1, "actors", "--format", "json"))
        {
            // When it is killed with SIGKILL part way through the log
            await child.WaitForCheckpoint(Path.Combine(data.Path, ReadModelDatabase.FileName), "current",
                (ulong)(_log.Head.Commit * killAt), TimeSpan.FromSeconds(60));
            child.Kill();
        }

        // Then the next start resumes from the committed checkpoint and ends with exactly the reference read model
        await using var store = SqliteEventStore.Open(_log.StorePath);
        await using var restarted = new ProjectionHarness(data.Path, store);
        var status = await restarted.Runner.Status();
        Assert.All(status, s => Assert.Equal("behind", s.State));
        await restarted.CatchUp();
        Assert.Equal(_log.ReferenceSnapshot, await restarted.Snapshot());
    }
}

public sealed class a_replay_killed_half_way : IClassFixture<CrashLog>
{
    private readonly CrashLog _log;

    public a_replay_killed_half_way(CrashLog log) => _log = log;

    [Fact]
    public async Task keeps_serving_the_old_read_model_and_resumes_on_the_next_start()
    {
        // Given a built read model
        using var data = new TempFolder();
        string replaying;
        await using (var store = SqliteEventStore.Open(_log.StorePath))
        await using (var first = new ProjectionHarness(data.Path, store))
            await first.CatchUp();

        // When `timeline replay`, folding the log in order, is killed with SIGKILL half way through the rebuild
        using (var child = ChildCli.Start(data.Path, _log.StorePath, batchSize: 1, new Dictionary<string, string> { ["TIMELINE_REPLAY_KEY_BY_KEY"] = "0" }, "replay"))
        {
            await child.WaitForCheckpoint(Path.Combine(data.Path, ReadModelDatabase.FileName), "replaying",
                _log.Head.Commit / 2, TimeSpan.FromSeconds(60));
            child.Kill();
        }

        await using var reopened = SqliteEventStore.Open(_log.StorePath);
        await using var restarted = new ProjectionHarness(data.Path, reopened);
        using (var c = restarted.Database.Open())
        {
            replaying = ReadModelDatabase.Replaying(c, null)!;
            Assert.NotNull(replaying);
            var info = ReadModelDatabase.ReadInfo(c, null, replaying);
            Assert.InRange(info.Checkpoint!.Value.Commit, _log.Head.Commit / 2, _log.Head.Commit - 1);
        }
        // Then queries still get the whole old read model
        Assert.Equal(_log.ReferenceSnapshot, await restarted.Snapshot());

        // And the next start finishes that same replay from its own checkpoint, and swaps it in
        await restarted.CatchUp();
        using (var c = restarted.Database.Open())
        {
            Assert.Equal(replaying, ReadModelDatabase.Current(c, null));
            Assert.Null(ReadModelDatabase.Replaying(c, null));
        }
        Assert.Equal(_log.ReferenceSnapshot, await restarted.Snapshot());
    }
}

public sealed class a_key_by_key_replay_stopped_while_it_folds : IClassFixture<CrashLog>
{
    private readonly CrashLog _log;

    public a_key_by_key_replay_stopped_while_it_folds(CrashLog log) => _log = log;

    [Fact]
    public async Task keeps_serving_the_old_read_model_and_finishes_from_the_files_it_had_folded()
    {
        // Given a built read model, and a replay spilling a few reports per file so that folding takes many transactions
        using var data = new TempFolder();
        await using var store = SqliteEventStore.Open(_log.StorePath);
        var options = new ProjectionOptions { RebuildReportsPerFile = 4 };
        await using (var first = new ProjectionHarness(data.Path, store, options))
        {
            await first.CatchUp();

            // When the replay is stopped once three files are folded (every file is committed on its own, so a
            // kill -9 there leaves the same rows; a spec with a child process lost the race on a fast machine)
            await StoppedReplay.AfterFolding(first, files: 3);
        }

        await using var restarted = new ProjectionHarness(data.Path, store, options);
        int foldedBefore;
        using (var c = restarted.Database.Open())
        {
            var replaying = ReadModelDatabase.Replaying(c, null)!;
            Assert.Null(ReadModelDatabase.ReadInfo(c, null, replaying).Checkpoint);
            foldedBefore = int.Parse((string)ReadModelDatabase.Scalar(c, null, $"SELECT value FROM {replaying}_meta WHERE key = 'rebuild_folded'")!);
            Assert.True(Directory.Exists(KeyByKeyRebuild.FolderFor(restarted.Database, replaying)));
        }
        Assert.Equal(3, foldedBefore);
        // Then queries still get the whole old read model
        Assert.Equal(_log.ReferenceSnapshot, await restarted.Snapshot());

        // And the next replay folds only the files not yet committed, and ends with exactly the reference read model
        var folding = new List<long>();
        await restarted.Runner.Replay(new SyncProgress(p =>
        {
            if (p.State == "folding") folding.Add(p.EventsProcessed);
            Assert.NotEqual("replaying", p.State);
        }));
        Assert.NotEmpty(folding);
        Assert.Equal(_log.ReferenceSnapshot, await restarted.Snapshot());
        Assert.Empty(Directory.GetDirectories(data.Path, "*.rebuild"));
    }
}

public sealed class a_key_by_key_replay_resumed_by_a_build_with_another_spill_layout : IClassFixture<CrashLog>
{
    private readonly CrashLog _log;

    public a_key_by_key_replay_resumed_by_a_build_with_another_spill_layout(CrashLog log) => _log = log;

    [Fact]
    public async Task reads_the_log_again_instead_of_misreading_the_files()
    {
        // Given a replay stopped while it folds
        using var data = new TempFolder();
        await using var store = SqliteEventStore.Open(_log.StorePath);
        // (progress every few events, so that a reading pass shows)
        var options = new ProjectionOptions { RebuildReportsPerFile = 4, BatchSize = 2 };
        await using (var first = new ProjectionHarness(data.Path, store, options))
        {
            await first.CatchUp();
            await StoppedReplay.AfterFolding(first, files: 2);
        }

        // And its plan written by a build whose spill files had the first layout (its plan had no format field)
        await using var restarted = new ProjectionHarness(data.Path, store, options);
        using (var c = restarted.Database.Open())
        {
            var replaying = ReadModelDatabase.Replaying(c, null)!;
            var plan = (string)ReadModelDatabase.Scalar(c, null, $"SELECT value FROM {replaying}_meta WHERE key = 'rebuild_plan'")!;
            var older = plan[..plan.LastIndexOf(';')];
            using var update = c.CreateCommand();
            update.CommandText = $"UPDATE {replaying}_meta SET value = $v WHERE key = 'rebuild_plan'";
            update.Parameters.AddWithValue("$v", older);
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        // When the replay runs again
        var states = new List<string>();
        await restarted.Runner.Replay(new SyncProgress(p => states.Add(p.State)));

        // Then it read the log again and ends with exactly the reference read model
        Assert.Contains("replaying", states);
        Assert.Equal(_log.ReferenceSnapshot, await restarted.Snapshot());
        Assert.Empty(Directory.GetDirectories(data.Path, "*.rebuild"));
    }
}

internal static class StoppedReplay
{
    /// <summary>Runs a key-by-key replay and stops it once <paramref name="files"/> spill files are folded and committed.</summary>
    public static async Task AfterFolding(ProjectionHarness harness, int files)
    {
        using var stop = new CancellationTokenSource();
        var folded = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Runner.Replay(new SyncProgress(p =>
        {
            if (p.State == "folding" && ++folded == files) stop.Cancel();
        }), stop.Token));
    }
}
