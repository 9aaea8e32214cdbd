using Timeline.Domain.Dates;
using Timeline.Application.Timelines;
using Timeline.EventStore.Memory;
using Timeline.Projections.ReadModel;
using Timeline.Projections.Runner;
using Timeline.Projections.Tests.Support;

namespace Timeline.Projections.Tests;

public sealed class a_read_model_built_live_batch_by_batch
{
    private static readonly ProjectionOptions SmallBatches = new() { BatchSize = 7, LiveBufferCount = 3, LiveBufferTime = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public async Task equals_a_replay_and_a_fresh_build_for_every_actor_and_country()
    {
        // Given a live runner following a log that grows article by article
        using var folder = new TempFolder();
        await using var live = new ProjectionHarness(Path.Combine(folder.Path, "live"), options: SmallBatches);
        using var stop = new CancellationTokenSource();
        var running = live.Runner.Run(stop.Token);
        var articles = SampleLog.Articles(60);
        foreach (var article in articles) await article.AppendTo(live.Store);
        await WaitUntilLive(live.Runner);
        var liveJson = await live.Snapshot();
        await stop.CancelAsync();
        await running;

        // When the same read model is replayed, and built afresh in one catch-up elsewhere
        await live.Runner.Replay();
        var replayedJson = await live.Snapshot();
        await using var fresh = new ProjectionHarness(Path.Combine(folder.Path, "fresh"), live.Store);
        await fresh.CatchUp();

        // Then all three are identical, entry for entry
        Assert.Contains("\"corroboration\": 2", liveJson);
        Assert.Equal(liveJson, replayedJson);
        Assert.Equal(liveJson, await fresh.Snapshot());
    }

    [Fact]
    public async Task equals_a_replay_when_one_entry_gathers_sources_over_many_batches()
    {
        // Given a ban reported by 30 articles (entries this large stay loaded between a replay's transactions) among others
        using var folder = new TempFolder();
        await using var live = new ProjectionHarness(Path.Combine(folder.Path, "live"), options: SmallBatches);
        var start = DateTimeOffset.Parse("2024-03-01T08:00:00Z");
        var others = SampleLog.Articles(30);
        for (var i = 0; i < 30; i++)
        {
            await new ArticleBuilder($"ban-report-{i}", start.AddHours(i))
                .Ban(i % 3 == 0 ? HistoricalDate.OfDay(2015, 9, 29) : HistoricalDate.OfMonth(2015, 9), ArticleBuilder.Irpt)
                .AppendTo(live.Store);
            await others[i].AppendTo(live.Store);
        }
        await live.CatchUp();
        var liveJson = await live.Snapshot();

        // When the read model is replayed in batches of 7
        await live.Runner.Replay();

        // Then the large entry has the 30 reports (and the sample log's own report of that ban), and the replay equals the live build
        var largest = System.Text.RegularExpressions.Regex.Matches(liveJson, "\"corroboration\": (\\d+)").Max(m => int.Parse(m.Groups[1].Value));
        Assert.True(largest >= 30, $"the largest entry has {largest} sources");
        Assert.Equal(liveJson, await live.Snapshot());
    }

    internal static async Task WaitUntilLive(ProjectionRunner runner)
    {
        for (var i = 0; i < 2000; i++)
        {
            var status = await runner.Status();
            if (status.All(s => s.State == "live")) return;
            await Task.Delay(10);
        }
        throw new TimeoutException("The runner did not catch up with the log.");
    }
}

public sealed class queries_during_a_replay
{
    [Fact]
    public async Task are_answered_from_the_old_read_model_until_the_swap()
    {
        // Given a built read model
        using var folder = new TempFolder();
        await using var harness = new ProjectionHarness(folder.Path, options: new ProjectionOptions { BatchSize = 5 });
        await SampleLog.AppendAll(harness.Store, SampleLog.Articles(40));
        await harness.CatchUp();
        var before = await harness.Country("TJ", new TimelineFilter { PageSize = 10_000 });
        string? generationBefore;
        using (var c = harness.Database.Open()) generationBefore = ReadModelDatabase.Current(c, null);

        // When a replay runs and a query arrives while it is half done
        var answeredDuring = new List<int>();
        var progress = new SyncProgress(p =>
        {
            if (p.State != "replaying" || p.Position is null || p.Position.Value.Commit < p.Head!.Value.Commit / 2 || answeredDuring.Count > 0) return;
            var during = harness.Country("TJ", new TimelineFilter { PageSize = 10_000 }).GetAwaiter().GetResult();
            answeredDuring.Add(during.TotalEntries);
        });
        var outcome = await harness.Runner.Replay(progress);

        // Then the query saw the whole old read model (not the half-built one), and the new one replaced it
        Assert.Equal([before.TotalEntries], answeredDuring);
        using (var c = harness.Database.Open())
        {
            Assert.NotEqual(generationBefore, ReadModelDatabase.Current(c, null));
            Assert.Equal(outcome.Generation, ReadModelDatabase.Current(c, null));
            Assert.Null(ReadModelDatabase.Replaying(c, null));
            Assert.False(ReadModelDatabase.GenerationExists(c, null, generationBefore!));
        }
        var after = await harness.Country("TJ", new TimelineFilter { PageSize = 10_000 });
        Assert.Equal(before.Entries.Select(e => e.Id), after.Entries.Select(e => e.Id));
    }
}

public sealed class a_read_model_of_older_projection_versions
{
    [Fact]
    public async Task is_rebuilt_on_the_next_start_with_the_same_result()
    {
        // Given a read model built by the current version of the projections
        using var folder = new TempFolder();
        var store = new MemoryEventStore();
        await SampleLog.AppendAll(store, SampleLog.Articles(20));
        string? first;
        string json;
        await using (var v1 = new ProjectionHarness(folder.Path, store))
        {
            await v1.CatchUp();
            json = await v1.Snapshot();
            using var c = v1.Database.Open();
            first = ReadModelDatabase.Current(c, null);
        }

        // When a process with ActorTimeline one version further starts
        var next = ProjectionCatalog.CurrentVersions[ProjectionCatalog.ActorTimeline] + 1;
        var bumped = new Dictionary<string, int>(ProjectionCatalog.CurrentVersions) { [ProjectionCatalog.ActorTimeline] = next };
        await using var v2 = new ProjectionHarness(folder.Path, store, new ProjectionOptions { Versions = bumped });
        await v2.CatchUp();

        // Then it rebuilt into a new generation recording that version, with the same timelines
        using (var c = v2.Database.Open())
        {
            var current = ReadModelDatabase.Current(c, null)!;
            Assert.NotEqual(first, current);
            Assert.Equal(next, ReadModelDatabase.ReadInfo(c, null, current).Versions[ProjectionCatalog.ActorTimeline]);
        }
        Assert.Equal(json, await v2.Snapshot());
        var status = await v2.Runner.Status();
        Assert.All(status, s => Assert.Equal("live", s.State));
        Assert.Equal(next, status.Single(s => s.Projection == ProjectionCatalog.ActorTimeline).Version);
    }
}

public sealed class a_read_model_that_belongs_to_another_store
{
    [Fact]
    public async Task is_rebuilt_from_the_store_it_is_now_used_with()
    {
        // Given a read model built from store A
        using var folder = new TempFolder();
        var a = new MemoryEventStore();
        await SampleLog.AppendAll(a, SampleLog.Articles(10, seed: 1));
        await using (var first = new ProjectionHarness(folder.Path, a)) await first.CatchUp();

        // When the same data folder is used with store B, whose log is different
        var b = new MemoryEventStore();
        await SampleLog.AppendAll(b, SampleLog.Articles(3, seed: 2).Select((x, i) => x));
        await using var second = new ProjectionHarness(folder.Path, b);
        await second.CatchUp();
        await using var reference = new ProjectionHarness(Path.Combine(folder.Path, "reference"), b);
        await reference.CatchUp();

        // Then what it serves is exactly B's read model
        Assert.Equal(await reference.Snapshot(), await second.Snapshot());
    }

    [Fact]
    public async Task whose_checkpoint_lies_beyond_the_end_of_the_log_is_rebuilt()
    {
        // Given a read model built from a long log
        using var folder = new TempFolder();
        var articles = SampleLog.Articles(12, seed: 3);
        var longLog = new MemoryEventStore();
        await SampleLog.AppendAll(longLog, articles);
        await using (var first = new ProjectionHarness(folder.Path, longLog)) await first.CatchUp();

        // When it is used with a log that starts the same but is shorter (e.g. a restored backup)
        var shortLog = new MemoryEventStore();
        await SampleLog.AppendAll(shortLog, articles.Take(4));
        await using var second = new ProjectionHarness(folder.Path, shortLog);
        await second.CatchUp();
        await using var reference = new ProjectionHarness(Path.Combine(folder.Path, "reference"), shortLog);
        await reference.CatchUp();

        // Then nothing of the longer log is served
        Assert.Equal(await reference.Snapshot(), await second.Snapshot());
    }
}

public sealed class a_read_model_of_a_log_that_forked
{
    [Fact]
    public async Task is_rebuilt_when_the_event_at_its_checkpoint_is_not_the_one_it_recorded()
    {
        // Given a read model built from a log of 10 articles
        using var folder = new TempFolder();
        var articles = SampleLog.Articles(10, seed: 5);
        var original = new MemoryEventStore();
        await SampleLog.AppendAll(original, articles);
        await using (var first = new ProjectionHarness(folder.Path, original)) await first.CatchUp();

        // When it is used with a log that shares the first 5 articles and then goes on differently, and is longer
        var forked = new MemoryEventStore();
        await SampleLog.AppendAll(forked, articles.Take(5));
        for (var i = 0; i < 12; i++)
            await new ArticleBuilder($"fork-{i}", DateTimeOffset.Parse("2024-06-01T00:00:00Z").AddHours(i))
                .Outage(Timeline.Domain.Dates.HistoricalDate.OfYear(2019), "TJ", "a day")
                .Ban(Timeline.Domain.Dates.HistoricalDate.OfYear(2010 + i), ArticleBuilder.Irpt)
                .AppendTo(forked);
        await using var second = new ProjectionHarness(folder.Path, forked);
        await second.CatchUp();
        await using var reference = new ProjectionHarness(Path.Combine(folder.Path, "reference"), forked);
        await reference.CatchUp();

        // Then it serves exactly the forked log's read model
        Assert.Equal(await reference.Snapshot(), await second.Snapshot());
    }
}

public sealed class a_batch_applied_twice
{
    [Fact]
    public async Task changes_nothing_the_second_time()
    {
        // Given a generation and a batch of events
        using var folder = new TempFolder();
        var store = new MemoryEventStore();
        await SampleLog.AppendAll(store, SampleLog.Articles(5));
        var batch = new List<LoggedEvent>();
        await foreach (var e in store.ReadAll(Timeline.EventStore.ReadDirection.Forwards, Timeline.EventStore.LogPosition.Start))
            batch.Add(ProjectionRunner.Decode(e));
        await using var harness = new ProjectionHarness(folder.Path, store);
        await harness.CatchUp(); // creates the generation from the store (and applies the log once)
        var json = await harness.Snapshot();

        // When the same batch is applied again, as after a crash between reading and committing elsewhere
        var writer = new GenerationWriter(new ArticleArrivals());
        using var connection = harness.Database.Open();
        var outcome = writer.Apply(connection, null, null, batch);

        // Then the checkpoint says it was all applied already, and no entry is doubled
        Assert.Equal(0, Assert.IsType<BatchOutcome.Applied>(outcome).EventsApplied);
        Assert.Equal(json, await harness.Snapshot());
    }
}

/// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SyncProgress(Action<ProjectionProgress> report) : IProgress<ProjectionProgress>
{
    public void Report(ProjectionProgress value) => report(value);
}
