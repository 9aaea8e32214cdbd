using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Application;
using Timeline.Application.Projections;
using Timeline.Application.Timelines;
using Timeline.Benchmarks.Harness;
using Timeline.EventStore;
using Timeline.EventStore.Sqlite;
using Timeline.Projections;
using Timeline.Projections.Runner;

namespace Timeline.Benchmarks.Scenarios;

/// <summary>
/// Rebuilding all projections from a SQLite log of realistic events, end to end (read, decode, route, fold,
/// write read model + checkpoint), against reading <c>$all</c> raw in the same run; peak RSS during the replay;
/// and GetActorTimeline latency for an actor with 1,000 entries, in process through MediatR.
/// </summary>
public sealed class ReplayScenario : IBenchmarkScenario
{
    public string Name => "replay";
    public string Description => "rebuild all projections from the log (events/s vs raw read $all), peak RSS, GetActorTimeline p99 (1,000 entries)";

    public async Task<IReadOnlyList<BenchmarkResult>> Run(BenchmarkOptions options)
    {
        var results = new List<BenchmarkResult>();
        var log = Path.Combine(options.WorkFolder, "timeline.db");
        options.Log.WriteLine($"filling a log of {options.Events:N0} realistic events");
        await using (var fill = SqliteEventStore.Open(log)) await ReplayWorkload.Fill(fill, options.Events);

        await using var store = SqliteEventStore.Open(log);
        var data = Path.Combine(options.WorkFolder, "data");
        var services = new ServiceCollection();
        services.AddSingleton<IEventStore>(store);
        services.AddTimelineMediator();
        // The same knobs as the CLI's (TIMELINE_PROJECTION_BATCH, TIMELINE_REPLAY_SPILL_REPORTS, …).
        services.AddTimelineProjections(data, ProjectionOptions.FromEnvironment());
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ProjectionRunner>();

        options.Log.WriteLine("raw read $all (warm-up, then measured), then a full replay");
        await RawRead(store);
        var rawCpu = CpuSeconds();
        var raw = await RawRead(store);
        rawCpu = CpuSeconds() - rawCpu;
        using var rss = new PeakRss();
        var clock = Measure.Start();
        var replayCpu = CpuSeconds();
        var gc = GcSnapshot.Take();
        var stages = new StageClock(options.Log);
        var outcome = await runner.Replay(stages);
        options.Log.WriteLine($"replay stages: {stages}");
        options.Log.WriteLine($"replay garbage collection: {GcSnapshot.Take().Since(gc)}");
        var replayRate = outcome.EventsProcessed / clock.Elapsed.TotalSeconds;
        replayCpu = CpuSeconds() - replayCpu;
        var peakMb = rss.Stop() / 1024.0 / 1024.0;
        options.Log.WriteLine($"replayed {outcome.EventsProcessed:N0} events in {clock.Elapsed.TotalSeconds:0.0} s; peak RSS {peakMb:N0} MB ({rss.Breakdown})");
        results.Add(new BenchmarkResult($"replay all projections ({outcome.EventsProcessed:N0} events) vs raw read $all", replayRate, "events/s", raw));
        // On a machine shared with other work, wall-clock rates swing with the load; CPU time says what the work costs.
        var rawEvents = outcome.EventsProcessed;
        results.Add(new BenchmarkResult("replay vs raw read $all, per CPU-second of this process", outcome.EventsProcessed / replayCpu, "events/CPU-s",
            rawEvents / Math.Max(rawCpu, 1e-3)));
        results.Add(new BenchmarkResult("replay peak RSS (lower is better; baseline = 500 MB budget)", peakMb, "MB", 500));

        var mediator = provider.GetRequiredService<IMediator>();
        foreach (var pageSize in new[] { 100, 1000 })
        {
            // The same request again (answered from the query cache while the log stands still), and a request that
            // differs every time (a --to beyond every entry, so the same page, never cached): the cost of a new question.
            foreach (var uncached in new[] { false, true })
            {
                var call = 0;
                GetActorTimeline Request() => new(ReplayWorkload.HotActor, new TimelineFilter
                {
                    PageSize = pageSize,
                    To = uncached ? new DateOnly(2100, 1, 1).AddDays(call++).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
                });
                var first = await mediator.Send(Request());
                if (first.TotalEntries != ReplayWorkload.HotEntries || first.Entries.Count != pageSize)
                    throw new InvalidOperationException($"The hot actor has {first.TotalEntries} entries, not {ReplayWorkload.HotEntries}.");
                for (var i = 0; i < 50; i++) await mediator.Send(Request());
                var latencies = new List<double>();
                for (var i = 0; i < 1000; i++)
                {
                    var request = Request();
                    var t = Stopwatch.StartNew();
                    await mediator.Send(request);
                    latencies.Add(t.Elapsed.TotalMilliseconds);
                }
                latencies.Sort();
                var p99 = latencies[(int)(latencies.Count * 0.99) - 1];
                var what = uncached ? "a new request each time" : "the same request";
                options.Log.WriteLine($"GetActorTimeline page {pageSize}, {what}: p50 {latencies[latencies.Count / 2]:0.00} ms, p99 {p99:0.00} ms");
                results.Add(new BenchmarkResult(
                    $"GetActorTimeline p99, 1,000 entries, page of {pageSize}, {what} (lower is better; baseline = 5 ms budget)", p99, "ms", 5));
            }
        }
        return results;
    }

    /// <summary>What the collector did between two points: where replay time goes that no profile of our code shows.</summary>
    private readonly record struct GcSnapshot(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
    {
        public static GcSnapshot Take() =>
            new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

        public string Since(GcSnapshot before) =>
            $"{Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2} collections (gen 0/1/2), " +
            $"{(Paused - before.Paused).TotalSeconds:0.00} s paused, {(Allocated - before.Allocated) / 1e9:0.00} GB allocated";
    }

    /// <summary>
    /// When each stage of a replay began, and what it allocated and cost in CPU, to tell the read pass from the fold
    /// pass and the swap; each stage is also logged as it begins, so a run that fails shows where.
    /// </summary>
    private sealed class StageClock(TextWriter log) : IProgress<ProjectionProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(string Stage, TimeSpan At, long Allocated, double Cpu)> _seen = [];

        public void Report(ProjectionProgress value)
        {
            lock (_seen)
            {
                if (_seen.Count > 0 && _seen[^1].Stage == value.State) return;
                _seen.Add((value.State, _clock.Elapsed, GC.GetTotalAllocatedBytes(), CpuSeconds()));
                log.WriteLine($"  {value.State} from {_clock.Elapsed.TotalSeconds:0.0} s (managed heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:N0} MB)");
            }
        }

        public override string ToString()
        {
            lock (_seen)
            {
                var end = (Stage: "end", At: _clock.Elapsed, Allocated: GC.GetTotalAllocatedBytes(), Cpu: CpuSeconds());
                return string.Join(", ", _seen.Select((s, i) =>
                {
                    var next = i + 1 < _seen.Count ? _seen[i + 1] : end;
                    return $"{s.Stage} {(next.At - s.At).TotalSeconds:0.0} s ({next.Cpu - s.Cpu:0.0} CPU-s, {(next.Allocated - s.Allocated) / 1e9:0.00} GB allocated)";
                }));
            }
        }
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static async Task<double> RawRead(IEventStore store)
    {
        var clock = Measure.Start();
        long count = 0, bytes = 0;
        await foreach (var e in store.ReadAll(ReadDirection.Forwards, LogPosition.Start))
        {
            count++;
            bytes += e.Data.Length;
        }
        return bytes > 0 ? Measure.Rate(count, clock) : throw new InvalidOperationException("Read events without data.");
    }

    /// <summary>Samples the process's resident set every 20 ms and keeps the largest.</summary>
    private sealed class PeakRss : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;
        private long _peakHeap;
        private long _peakCommitted;

        public PeakRss()
        {
            _peak = Environment.WorkingSet;
            _timer = new Timer(_ =>
            {
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet));
                var gc = GC.GetGCMemoryInfo();
                Interlocked.Exchange(ref _peakHeap, Math.Max(Interlocked.Read(ref _peakHeap), gc.HeapSizeBytes));
                Interlocked.Exchange(ref _peakCommitted, Math.Max(Interlocked.Read(ref _peakCommitted), gc.TotalCommittedBytes));
            }, null, 0, 20);
        }

        /// <summary>Where the resident memory went: the managed heap's peak size and the GC's peak committed memory, in MB.</summary>
        public string Breakdown => $"managed heap peak {Interlocked.Read(ref _peakHeap) / 1048576.0:N0} MB, GC committed peak {Interlocked.Read(ref _peakCommitted) / 1048576.0:N0} MB";

        public long Stop()
        {
            _timer.Dispose();
            return Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet);
        }

        public void Dispose() => _timer.Dispose();
    }
}
