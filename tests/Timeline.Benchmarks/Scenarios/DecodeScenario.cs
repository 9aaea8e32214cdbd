using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Timeline.Benchmarks.Harness;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.EventStore;
using Timeline.EventStore.Memory;
using Timeline.EventStore.Serialization;

namespace Timeline.Benchmarks.Scenarios;

/// <summary>
/// Decoding the stored events of the replay workload (<see cref="ReplayWorkload"/>), in memory and on one thread:
/// <see cref="DomainEventSerializer.Deserialize"/> (the hand-written decoder) against System.Text.Json's reflection path
/// with the same options, as the serializer decoded them before. Time and bytes allocated per event, best of the runs.
/// </summary>
public sealed class DecodeScenario : IBenchmarkScenario
{
    private const long MaxEvents = 200_000;
    private const int MinRuns = 5;

    public string Name => "decode";
    public string Description => "decode the replay workload's stored events: hand-written decoder vs System.Text.Json's reflection path (events/s, bytes/event)";

    public async Task<IReadOnlyList<BenchmarkResult>> Run(BenchmarkOptions options)
    {
        var count = Math.Min(options.Events, MaxEvents);
        options.Log.WriteLine($"decode: filling {count:N0} realistic events in memory");
        var store = new MemoryEventStore();
        await ReplayWorkload.Fill(store, count);
        var events = new List<RecordedEvent>((int)count);
        await foreach (var e in store.ReadAll(ReadDirection.Forwards, LogPosition.Start)) events.Add(e);

        // Both must decode every event to the same value, or the comparison means nothing.
        for (var i = 0; i < events.Count; i++)
        {
            var ours = DomainEventSerializer.Deserialize(events[i]);
            var theirs = SerializerPath.Deserialize(events[i]);
            if (ours is not StoredEvent.Known known || theirs is not StoredEvent.Known reference || !known.Event.Equals(reference.Event) || known.Metadata != reference.Metadata)
                throw new InvalidOperationException($"Event {i} ({events[i].Type}) decodes differently: {ours} / {theirs}");
        }

        var runs = Math.Max(MinRuns, options.Runs);
        options.Log.WriteLine($"decode: {events.Count:N0} events, alternating, best of {runs}");
        Rate best = new(0, 0, long.MaxValue), bestBaseline = new(0, 0, long.MaxValue);
        for (var run = 0; run < runs; run++)
        {
            best = Rate.Best(best, Time(events, DomainEventSerializer.Deserialize));
            bestBaseline = Rate.Best(bestBaseline, Time(events, SerializerPath.Deserialize));
        }
        options.Log.WriteLine($"decode: hand-written {1e6 / best.EventsPerSecond:0.00} µs/event ({1e6 / best.EventsPerCpuSecond:0.00} CPU-µs), {best.BytesPerEvent:N0} B/event; " +
                              $"System.Text.Json {1e6 / bestBaseline.EventsPerSecond:0.00} µs/event ({1e6 / bestBaseline.EventsPerCpuSecond:0.00} CPU-µs), {bestBaseline.BytesPerEvent:N0} B/event; " +
                              $"load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return
        [
            new BenchmarkResult($"decode {events.Count:N0} stored events vs System.Text.Json reflection", best.EventsPerSecond, "events/s", bestBaseline.EventsPerSecond),
            new BenchmarkResult("decode, per CPU-second of this process", best.EventsPerCpuSecond, "events/CPU-s", bestBaseline.EventsPerCpuSecond),
            new BenchmarkResult("decode, bytes allocated per event (lower is better; baseline = System.Text.Json)", best.BytesPerEvent, "B/event", bestBaseline.BytesPerEvent),
        ];
    }

    /// <summary>
    /// Wall-clock and CPU rates: on a machine shared with other work the wall clock swings with the load, and the
    /// process's CPU time (which includes the collector's threads) says what the work costs.
    /// </summary>
    private readonly record struct Rate(double EventsPerSecond, double EventsPerCpuSecond, long BytesPerEvent)
    {
        public static Rate Best(Rate a, Rate b) =>
            new(Math.Max(a.EventsPerSecond, b.EventsPerSecond), Math.Max(a.EventsPerCpuSecond, b.EventsPerCpuSecond), Math.Min(a.BytesPerEvent, b.BytesPerEvent));
    }

    private static Rate Time(List<RecordedEvent> events, Func<RecordedEvent, StoredEvent> decode)
    {
        var known = 0;
        var clock = Measure.Start();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        foreach (var e in events)
            if (decode(e) is StoredEvent.Known) known++;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        if (known != events.Count) throw new InvalidOperationException($"{events.Count - known} events did not decode.");
        return new Rate(Measure.Rate(events.Count, clock), events.Count / Math.Max(cpu.TotalSeconds, 1e-3), allocated / events.Count);
    }

    /// <summary>The decoding as it was before the hand-written decoder, kept here as the baseline.</summary>
    private static class SerializerPath
    {
        private static readonly JsonTypeInfo<EventMetadata> MetadataContract =
            (JsonTypeInfo<EventMetadata>)EventJson.Options.GetTypeInfo(typeof(EventMetadata));

        private static readonly Dictionary<Type, JsonTypeInfo> EventContracts = EventTypeMap.AllNames
            .Select(name => EventTypeMap.TryGet(name, out var entry) ? entry.ClrType : throw new InvalidOperationException(name))
            .ToDictionary(type => type, type => EventJson.Options.GetTypeInfo(type));

        [ThreadStatic] private static (byte[] Bytes, EventMetadata Metadata)? _lastMetadata;

        public static StoredEvent Deserialize(RecordedEvent recorded)
        {
            if (!EventTypeMap.TryGet(recorded.Type, out var entry))
                return new StoredEvent.Raw(recorded, $"unknown event type '{recorded.Type}'");
            EventMetadata metadata;
            try
            {
                metadata = recorded.Metadata.Length == 0 ? new EventMetadata { SchemaVersion = 1 } : ReadMetadata(recorded.Metadata.Span);
            }
            catch (JsonException ex)
            {
                return new StoredEvent.Raw(recorded, $"unreadable metadata: {ex.Message}");
            }
            if (metadata.SchemaVersion > entry.SchemaVersion)
                return new StoredEvent.Raw(recorded, $"{recorded.Type} schema version {metadata.SchemaVersion} is newer than this version reads ({entry.SchemaVersion})");
            try
            {
                var e = (IDomainEvent?)JsonSerializer.Deserialize(recorded.Data.Span, EventContracts[entry.ClrType]);
                return e is null ? new StoredEvent.Raw(recorded, "event data is null") : new StoredEvent.Known(recorded, e, metadata);
            }
            catch (JsonException ex)
            {
                return new StoredEvent.Raw(recorded, $"unreadable {recorded.Type} data: {ex.Message}");
            }
        }

        private static EventMetadata ReadMetadata(ReadOnlySpan<byte> utf8)
        {
            if (_lastMetadata is { } last && utf8.SequenceEqual(last.Bytes)) return last.Metadata;
            var metadata = JsonSerializer.Deserialize(utf8, MetadataContract) ?? new EventMetadata { SchemaVersion = 1 };
            _lastMetadata = (utf8.ToArray(), metadata);
            return metadata;
        }
    }
}
