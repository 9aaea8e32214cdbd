using Timeline.Benchmarks.Harness;
using Timeline.Benchmarks.Store;
using Timeline.EventStore;
using Timeline.EventStore.EventStoreDb;
using Timeline.EventStore.Sqlite;

namespace Timeline.Benchmarks.Scenarios;

/// <summary>
/// EventStoreDB (the server named by TIMELINE_ESDB) against the embedded SQLite store in the same run:
/// appends in batches of 1, 10 and 100, and reading <c>$all</c>. Without TIMELINE_ESDB it says so and measures nothing.
/// </summary>
public sealed class EsdbScenario : IBenchmarkScenario
{
    public const string Variable = "TIMELINE_ESDB";
    private const int AppendCommits = 1000;
    private const int FillBatch = 500;
    private const int Runs = 3;

    public string Name => "esdb";
    public string Description => "EventStoreDB (TIMELINE_ESDB): append (batches of 1/10/100), read $all; baseline the embedded SQLite store";

    public async Task<IReadOnlyList<BenchmarkResult>> Run(BenchmarkOptions options)
    {
        var connection = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            options.Log.WriteLine($"esdb: skipped, {Variable} is not set (e.g. {Variable}=esdb://127.0.0.1:2113?tls=false after `docker compose up -d eventstore`).");
            return [];
        }

        var results = new List<BenchmarkResult>();
        var sample = SampleEvent.Create();
        // Streams of this run only: the server may hold other data, and runs must not collide.
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var server = await EventStoreDbEventStore.Connect(connection);

        foreach (var batch in new[] { 1, 10, 100 })
        {
            var commits = (int)Math.Max(1, Math.Min(AppendCommits, options.Events / batch));
            options.Log.WriteLine($"append: {commits:N0} appends of {batch} event(s) to {server.Description} and to SQLite, best of {Runs}");
            var (ours, baseline) = await Measure.BestOf(Runs,
                attempt => Append(server, $"bench{run}-{batch}-{attempt}", batch, commits, sample),
                attempt => AppendSqlite(Path.Combine(options.WorkFolder, $"append-{batch}-{attempt}.db"), batch, commits, sample));
            results.Add(new BenchmarkResult($"esdb append, batches of {batch}", ours, "events/s", baseline));
        }

        var count = Math.Min(options.Events, 100_000);
        options.Log.WriteLine($"filling {count:N0} events on the server and in SQLite");
        var from = await Fill(server, $"bench{run}-log", count, sample);
        var log = Path.Combine(options.WorkFolder, "log.db");
        await using (var sqlite = SqliteEventStore.Open(log))
        {
            await Fill(sqlite, "bench-log", count, sample);
            options.Log.WriteLine($"read $all: {count:N0} events, best of {Runs}");
            var (read, readBaseline) = await Measure.BestOf(Runs,
                _ => ReadAll(server, from, count),
                _ => ReadAll(sqlite, LogPosition.Start, count).GetAwaiter().GetResult());
            results.Add(new BenchmarkResult($"esdb read $all ({count:N0} events)", read, "events/s", readBaseline));
        }
        return results;
    }

    private static async Task<double> Append(IEventStore store, string prefix, int batch, int commits, SampleEvent sample)
    {
        var events = new EventData[batch];
        var clock = Measure.Start();
        for (var commit = 0; commit < commits; commit++)
        {
            for (var i = 0; i < batch; i++)
                events[i] = new EventData(Guid.NewGuid(), sample.Type, sample.Data, sample.Metadata);
            await store.AppendToStream($"article-{prefix}-{commit}", ExpectedRevision.NoStream, events);
        }
        return Measure.Rate((long)batch * commits, clock);
    }

    // The harness takes baselines as synchronous functions; blocking is harmless in this console program.
    private static double AppendSqlite(string path, int batch, int commits, SampleEvent sample)
    {
        var store = SqliteEventStore.Open(path);
        try
        {
            return Append(store, "sqlite", batch, commits, sample).GetAwaiter().GetResult();
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Writes <paramref name="count"/> events and returns the position of the first.</summary>
    private static async Task<LogPosition> Fill(IEventStore store, string prefix, long count, SampleEvent sample)
    {
        LogPosition? first = null;
        for (long written = 0, commit = 0; written < count; commit++)
        {
            var events = new EventData[(int)Math.Min(FillBatch, count - written)];
            for (var i = 0; i < events.Length; i++)
                events[i] = new EventData(Guid.NewGuid(), sample.Type, sample.Data, sample.Metadata);
            var stream = $"article-{prefix}-{commit}";
            await store.AppendToStream(stream, ExpectedRevision.NoStream, events);
            if (first is null)
                await foreach (var e in store.ReadStream(stream, ReadDirection.Forwards, null, 1))
                    first = e.Position;
            written += events.Length;
        }
        return first ?? LogPosition.Start;
    }

    private static async Task<double> ReadAll(IEventStore store, LogPosition from, long count)
    {
        var clock = Measure.Start();
        long read = 0, bytes = 0;
        await foreach (var e in store.ReadAll(ReadDirection.Forwards, from, count))
        {
            read++;
            bytes += e.Data.Length;
        }
        if (read < count || bytes == 0) throw new InvalidOperationException($"Read {read:N0} of {count:N0} events.");
        return Measure.Rate(read, clock);
    }
}
