using System.Globalization;
using System.Text;
using Timeline.Benchmarks.Harness;
using Timeline.EventStore;
using Timeline.EventStore.Sqlite;

namespace Timeline.Benchmarks.Store;

/// <summary>
/// The embedded SQLite store against plain Microsoft.Data.Sqlite on an equivalent table with the same pragmas:
/// appends in batches of 1, 10 and 100 (one durable transaction per batch), reading <c>$all</c>, and a
/// subscription catching up over the same log.
/// </summary>
public sealed class StoreScenario : IBenchmarkScenario
{
    /// <summary>Commits per append measurement: enough to dwarf start-up, few enough for a quick run.</summary>
    private const int AppendCommits = 1000;
    private const int FillBatch = 1000;

    public string Name => "store";
    public string Description => "SQLite event store: append (batches of 1/10/100), read $all, subscription catch-up; baseline raw Microsoft.Data.Sqlite";

    public async Task<IReadOnlyList<BenchmarkResult>> Run(BenchmarkOptions options)
    {
        var results = new List<BenchmarkResult>();
        var sample = SampleEvent.Create();

        // synchronous=FULL (the default) is bound by the disk's fsync; NORMAL (sqlite:PATH?sync=normal) shows the code's own cost.
        foreach (var (sync, batch) in new[] { (SqliteSyncMode.Full, 1), (SqliteSyncMode.Full, 10), (SqliteSyncMode.Full, 100), (SqliteSyncMode.Normal, 1), (SqliteSyncMode.Normal, 100) })
        {
            var commits = (int)Math.Max(1, Math.Min(AppendCommits, options.Events / batch));
            var syncName = sync.ToString().ToLowerInvariant();
            options.Log.WriteLine($"append: {commits:N0} commits of {batch} event(s), sync={syncName}, ours and raw, best of {options.Runs}");
            var (ours, baseline) = await Measure.BestOf(options.Runs,
                run => AppendOurs(Path.Combine(options.WorkFolder, $"append-{syncName}-{batch}-{run}.db"), sync, batch, commits, sample),
                run => RawSqlite.Append(Path.Combine(options.WorkFolder, $"raw-append-{syncName}-{batch}-{run}.db"), sync, batch, commits, sample));
            results.Add(new BenchmarkResult($"store append, batches of {batch}, sync={syncName}", ours, "events/s", baseline));
        }

        var log = Path.Combine(options.WorkFolder, "log.db");
        options.Log.WriteLine($"filling a log of {options.Events:N0} events");
        await Fill(log, options.Events, sample);

        await using (var store = SqliteEventStore.Open(log))
        {
            options.Log.WriteLine($"read $all: warm-up, then best of {options.Runs}");
            await ReadAllOurs(store);
            RawSqlite.ReadAll(log);
            var (read, readBaseline) = await Measure.BestOf(options.Runs, _ => ReadAllOurs(store), _ => RawSqlite.ReadAll(log));
            results.Add(new BenchmarkResult($"store read $all ({options.Events:N0} events)", read, "events/s", readBaseline));

            options.Log.WriteLine($"subscription catch-up: best of {options.Runs}");
            var (catchUp, catchUpBaseline) = await Measure.BestOf(options.Runs, _ => CatchUp(store), _ => RawSqlite.ReadAll(log));
            results.Add(new BenchmarkResult($"store subscription catch-up ({options.Events:N0} events)", catchUp, "events/s", catchUpBaseline));
        }

        return results;
    }

    private static async Task<double> AppendOurs(string path, SqliteSyncMode sync, int batch, int commits, SampleEvent sample)
    {
        await using var store = SqliteEventStore.Open(path, SqliteStoreOptions.Default with { Sync = sync });
        var events = new EventData[batch];
        var clock = Measure.Start();
        for (var commit = 0; commit < commits; commit++)
        {
            for (var i = 0; i < batch; i++)
                events[i] = new EventData(Guid.NewGuid(), sample.Type, sample.Data, sample.Metadata);
            await store.AppendToStream(SampleEvent.Stream(commit), ExpectedRevision.NoStream, events);
        }
        return Measure.Rate((long)batch * commits, clock);
    }

    private static async Task Fill(string path, long count, SampleEvent sample)
    {
        await using var store = SqliteEventStore.Open(path);
        for (long written = 0, commit = 0; written < count; commit++)
        {
            var events = new EventData[(int)Math.Min(FillBatch, count - written)];
            for (var i = 0; i < events.Length; i++)
                events[i] = new EventData(Guid.NewGuid(), sample.Type, sample.Data, sample.Metadata);
            await store.AppendToStream(SampleEvent.Stream(commit), ExpectedRevision.NoStream, events);
            written += events.Length;
        }
    }

    private static async Task<double> ReadAllOurs(IEventStore store)
    {
        var clock = Measure.Start();
        long count = 0, bytes = 0;
        await foreach (var e in store.ReadAll(ReadDirection.Forwards, LogPosition.Start))
        {
            count++;
            bytes += e.Data.Length;
        }
        return Measure.Rate(Checked(count, bytes), clock);
    }

    private static async Task<double> CatchUp(IEventStore store)
    {
        var clock = Measure.Start();
        long count = 0, bytes = 0;
        await foreach (var message in store.SubscribeToAll(SubscriptionStart.Start))
        {
            if (message is SubscriptionMessage.EventAppeared e)
            {
                count++;
                bytes += e.Event.Data.Length;
            }
            else if (message is SubscriptionMessage.CaughtUp) break;
        }
        return Measure.Rate(Checked(count, bytes), clock);
    }

    private static long Checked(long count, long bytes) =>
        bytes > 0 || count == 0 ? count : throw new InvalidOperationException("Read events without data.");
}

/// <summary>A representative stored event: a StatementMade-sized JSON document in an article stream.</summary>
public sealed record SampleEvent(string Type, byte[] Data, byte[] Metadata)
{
    public static SampleEvent Create() => new(
        "StatementMade",
        Encoding.UTF8.GetBytes("""
            {"eventId":"6f1c2b1e-3d4a-4b5c-8d9e-0f1a2b3c4d5e","occurred":"2017-07-30","country":"TJ","place":"Dushanbe",
            "actors":[{"id":"someone","name":"Someone","kind":"person","role":"speaker"}],
            "source":{"articleId":"bench","evidence":"A sentence of evidence about the statement.","evidenceSpan":{"start":10,"length":44}},
            "confidence":0.8,"cameo":"010","speaker":"someone","quotes":["a short quote"]}
            """),
        """{"schemaVersion":1,"extractor":"rules/1","contentType":"application/json"}"""u8.ToArray());

    public static string Stream(long n) => "article-bench-" + n.ToString(CultureInfo.InvariantCulture);
}
