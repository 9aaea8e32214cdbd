using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Timeline.Api.Hosting;
using Timeline.Api.V1;
using Timeline.Application.Hosting;
using Timeline.Application.Timelines;
using Timeline.Benchmarks.Harness;
using Timeline.Domain;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;
using EventActor = Timeline.Domain.Actors.EventActor;
using EventSource = Timeline.Domain.Events.EventSource;

namespace Timeline.Benchmarks.Scenarios;

/// <summary>
/// The gRPC service over loopback, on a real Kestrel with the SQLite store and the projections: GetActorTimeline
/// (50 entries) with 32 concurrent clients against the empty call (Ping) as the floor, and append → subscriber delivery
/// with 100 live subscribers against the store's own in-process subscriptions. Latency rows are milliseconds
/// (lower is better); their baseline is the floor measured in the same run.
/// </summary>
public sealed class GrpcScenario : IBenchmarkScenario
{
    private const int Clients = 32;
    private const int Entries = 50;
    private const int Subscribers = 100;
    private const string Actor = "bench-speaker";

    public string Name => "grpc";
    public string Description => "gRPC over loopback: GetActorTimeline (50 entries) vs empty call with 32 clients; append→subscriber delivery with 100 subscribers";

    public async Task<IReadOnlyList<BenchmarkResult>> Run(BenchmarkOptions options)
    {
        var duration = TimeSpan.FromSeconds(options.Events >= 1_000_000 ? 5 : 2);
        // 500 appends × 100 subscribers: p99 is then not decided by the two or three slowest appends alone.
        var appends = (int)Math.Clamp(options.Events / 2000, 50, 500);
        var results = new List<BenchmarkResult>();
        // TIMELINE_BENCH_GRPC_PHASES=own runs only the rows with the server in its own process (quicker experiments).
        if (Environment.GetEnvironmentVariable("TIMELINE_BENCH_GRPC_PHASES") == "own") return await OwnProcessRows(options, duration);

        var store = await EventStoreFactory.Open(StoreUri.Parse("sqlite:" + Path.Combine(options.WorkFolder, "events.db")));
        await using (store)
        {
            var server = CreateServer(store, Path.Combine(options.WorkFolder, "data"));
            await using (server)
            {
                await server.StartAsync();
                options.Log.WriteLine($"seeding {Entries} timeline entries for '{Actor}'");
                await Seed(store);
                await WaitForTimeline(server.GrpcAddress);

                options.Log.WriteLine($"unary: {Clients} clients for {duration.TotalSeconds:0} s each, GetActorTimeline and Ping over gRPC, and the handler in-process");
                var channels = Enumerable.Range(0, Clients).Select(_ => GrpcChannel.ForAddress(server.GrpcAddress)).ToArray();
                try
                {
                    var request = new GetActorTimelineRequest { Actor = Actor, PageSize = 100 };
                    var timelines = channels.Select(c => new Timeline.Api.V1.Timelines.TimelinesClient(c)).ToArray();
                    var mediator = server.Services.GetRequiredService<IMediator>();
                    var query = new GetActorTimeline(Actor, new TimelineFilter { PageSize = 100 });
                    var timeline = await Unary(Clients, duration, c => timelines[c].GetActorTimelineAsync(request).ResponseAsync);
                    options.Log.WriteLine($"GetActorTimeline, one process: {timeline.Client}");
                    var ping = await Unary(Clients, duration, c => timelines[c].PingAsync(new PingRequest()).ResponseAsync);
                    options.Log.WriteLine($"empty call, one process: {ping.Client}");
                    var handler = await Unary(Clients, duration, _ => mediator.Send(query));
                    // A request that differs every call (a `to` beyond every entry: the same 50 entries) is never
                    // answered from the query cache: the cost of a new question.
                    var distinct = 0;
                    var fresh = await Unary(Clients, duration, c => timelines[c].GetActorTimelineAsync(new GetActorTimelineRequest
                    {
                        Actor = Actor, PageSize = 100, To = new DateOnly(2100, 1, 1).AddDays(Interlocked.Increment(ref distinct) % 200_000).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    }).ResponseAsync);
                    options.Log.WriteLine($"warm-up until the JIT went quiet: GetActorTimeline {timeline.WarmUp.TotalSeconds:0.0} s, empty call {ping.WarmUp.TotalSeconds:0.0} s, in-process {handler.WarmUp.TotalSeconds:0.0} s, new requests {fresh.WarmUp.TotalSeconds:0.0} s");
                    var freshInProcess = await Unary(Clients, duration, _ => mediator.Send(new GetActorTimeline(Actor, new TimelineFilter
                    {
                        PageSize = 100, To = new DateOnly(2100, 1, 1).AddDays(Interlocked.Increment(ref distinct) % 200_000).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    })));
                    results.Add(new BenchmarkResult($"grpc GetActorTimeline ({Entries} entries), {Clients} clients (baseline: empty call)", timeline.Throughput, "calls/s", ping.Throughput));
                    results.Add(new BenchmarkResult("grpc GetActorTimeline p50 latency (lower is better; baseline: empty call)", timeline.P50, "ms", ping.P50));
                    results.Add(new BenchmarkResult("grpc GetActorTimeline p99 latency (lower is better; baseline: empty call)", timeline.P99, "ms", ping.P99));
                    results.Add(new BenchmarkResult($"grpc GetActorTimeline over gRPC (baseline: the same query in-process, {Clients} tasks)", timeline.Throughput, "calls/s", handler.Throughput));
                    results.Add(new BenchmarkResult("grpc GetActorTimeline GC pause per second measured, server and clients in one process (lower is better; baseline: empty call)",
                        timeline.Client.Paused.TotalMilliseconds / duration.TotalSeconds, "ms/s", ping.Client.Paused.TotalMilliseconds / duration.TotalSeconds));
                    results.Add(new BenchmarkResult($"grpc GetActorTimeline, a new request each call, {Clients} clients (baseline: empty call)", fresh.Throughput, "calls/s", ping.Throughput));
                    results.Add(new BenchmarkResult("grpc GetActorTimeline p99, a new request each call (lower is better; baseline: empty call)", fresh.P99, "ms", ping.P99));
                    results.Add(new BenchmarkResult("grpc GetActorTimeline CPU per call, server and client (lower is better; baseline: empty call)",
                        timeline.CpuPerCall * 1000, "µs", ping.CpuPerCall * 1000));
                    results.Add(new BenchmarkResult("grpc GetActorTimeline CPU per call (lower is better; baseline: the same query in-process)",
                        timeline.CpuPerCall * 1000, "µs", handler.CpuPerCall * 1000));
                    results.Add(new BenchmarkResult("grpc GetActorTimeline CPU per call, a new request each call (lower is better; baseline: empty call)",
                        fresh.CpuPerCall * 1000, "µs", ping.CpuPerCall * 1000));
                    results.Add(new BenchmarkResult("grpc GetActorTimeline CPU per call, a new request each call (lower is better; baseline: the same new requests in-process)",
                        fresh.CpuPerCall * 1000, "µs", freshInProcess.CpuPerCall * 1000));
                    // The load generator shares the 2 cores with the server: what one client spends decoding one answer.
                    var answer = await timelines[0].GetActorTimelineAsync(request).ResponseAsync;
                    options.Log.WriteLine($"one GetActorTimeline answer is {answer.CalculateSize():N0} bytes");
                    results.Add(new BenchmarkResult("grpc client-side decode of one GetActorTimeline answer (lower is better; baseline: empty answer)",
                        DecodeMicroseconds(answer), "µs", DecodeMicroseconds(new PingResponse())));
                    results.Add(new BenchmarkResult("grpc server-side encode of one GetActorTimeline answer, as the generated marshaller does it (lower is better; baseline: empty answer)",
                        EncodeMicroseconds(answer), "µs", EncodeMicroseconds(new PingResponse())));
                    results.Add(new BenchmarkResult("grpc server-side send of one kept GetActorTimeline answer, as our marshaller does it (lower is better; baseline: encoding it as the generated marshaller does)",
                        SendKeptMicroseconds(answer), "µs", EncodeMicroseconds(answer)));
                }
                finally
                {
                    foreach (var c in channels) c.Dispose();
                }

                options.Log.WriteLine($"delivery: {Subscribers} subscribers, {appends} appends, over gRPC and in-process");
                var overGrpc = await Delivery(store, appends, (count, ready, received, ct) => GrpcSubscribers(server.GrpcAddress, count, ready, received, ct));
                var inProcess = await Delivery(store, appends, (count, ready, received, ct) => StoreSubscribers(store, count, ready, received, ct));
                options.Log.WriteLine($"delivery over gRPC: {overGrpc}");
                options.Log.WriteLine($"delivery in-process: {inProcess}");
                // From the acknowledged append: the event cannot be delivered before it is committed, and the commit's own
                // latency (fsync; the store benchmark's business) would otherwise dominate p99 on a busy disk. The row from
                // the append call, commit included, stays beside it.
                results.Add(new BenchmarkResult($"grpc append→subscriber delivery p50, {Subscribers} subscribers, from the acknowledged append (lower is better; baseline: store in-process)", overGrpc.AckedP50, "ms", inProcess.AckedP50));
                results.Add(new BenchmarkResult($"grpc append→subscriber delivery p99, {Subscribers} subscribers, from the acknowledged append (lower is better; baseline: store in-process)", overGrpc.AckedP99, "ms", inProcess.AckedP99));
                results.Add(new BenchmarkResult($"grpc append→subscriber delivery p99, {Subscribers} subscribers, from the append call, commit included (lower is better; baseline: store in-process)", overGrpc.P99, "ms", inProcess.P99));
                await server.StopAsync();
            }
        }

        results.AddRange(await OwnProcessRows(options, duration));
        return results;
    }

    /// <summary>
    /// The unary calls again with the server in a process of its own, as in production: its threads are no longer
    /// suspended by the clients' collections, nor queued behind the clients' work in one thread pool.
    /// </summary>
    private static async Task<IReadOnlyList<BenchmarkResult>> OwnProcessRows(BenchmarkOptions options, TimeSpan duration)
    {
        // One connection per client, as in the rows above; TIMELINE_BENCH_GRPC_CONNECTIONS=N shares N among them (an experiment).
        var connections = int.TryParse(Environment.GetEnvironmentVariable("TIMELINE_BENCH_GRPC_CONNECTIONS"), out var n) && n is > 0 and < Clients ? n : Clients;
        var shared = connections == Clients ? "" : $", {connections} connections";
        options.Log.WriteLine($"unary with the server in its own process: {Clients} clients on {connections} connections for {duration.TotalSeconds:0} s each");
        var server = await GrpcServerProcess.Start(Path.Combine(options.WorkFolder, "server-process"), options.Log);
        await using (server)
        {
            var channels = Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(server.Address)).ToArray();
            try
            {
                var request = new GetActorTimelineRequest { Actor = Actor, PageSize = 100 };
                var timelines = Enumerable.Range(0, Clients).Select(c => new Timeline.Api.V1.Timelines.TimelinesClient(channels[c % connections])).ToArray();
                var timeline = await Unary(Clients, duration, c => timelines[c].GetActorTimelineAsync(request).ResponseAsync, server.Sample);
                options.Log.WriteLine($"GetActorTimeline, own process: clients {timeline.Client}; server {timeline.Server}; warm-up {timeline.WarmUp.TotalSeconds:0.0} s");
                var ping = await Unary(Clients, duration, c => timelines[c].PingAsync(new PingRequest()).ResponseAsync, server.Sample);
                options.Log.WriteLine($"empty call, own process: clients {ping.Client}; server {ping.Server}; warm-up {ping.WarmUp.TotalSeconds:0.0} s");
                var served = timeline.Server!.Value;
                var pinged = ping.Server!.Value;
                return
                [
                    new BenchmarkResult($"grpc GetActorTimeline ({Entries} entries), {Clients} clients, server in its own process{shared} (baseline: empty call)", timeline.Throughput, "calls/s", ping.Throughput),
                    new BenchmarkResult($"grpc GetActorTimeline p50 latency, server in its own process{shared} (lower is better; baseline: empty call)", timeline.P50, "ms", ping.P50),
                    new BenchmarkResult($"grpc GetActorTimeline p99 latency, server in its own process{shared} (lower is better; baseline: empty call)", timeline.P99, "ms", ping.P99),
                    new BenchmarkResult($"grpc GetActorTimeline CPU per call, server and client, server in its own process{shared} (lower is better; baseline: empty call)",
                        timeline.CpuPerCall * 1000, "µs", ping.CpuPerCall * 1000),
                    new BenchmarkResult($"grpc GetActorTimeline server process CPU per call, server in its own process{shared} (lower is better; baseline: empty call)",
                        served.Cpu.TotalMicroseconds / timeline.Calls, "µs", pinged.Cpu.TotalMicroseconds / ping.Calls),
                    new BenchmarkResult($"grpc GetActorTimeline GC pause of the server process per second measured, server in its own process{shared} (lower is better; baseline: the client process)",
                        served.Paused.TotalMilliseconds / duration.TotalSeconds, "ms/s", timeline.Client.Paused.TotalMilliseconds / duration.TotalSeconds),
                ];
            }
            finally
            {
                foreach (var c in channels) c.Dispose();
            }
        }
    }

    /// <summary>The server as the benchmark runs it, in this process or in its own (<see cref="GrpcServerProcess"/>).</summary>
    internal static TimelineServer CreateServer(IEventStore store, string dataFolder) => TimelineServer.Create(new TimelineServerOptions
    {
        GrpcUrl = "http://127.0.0.1:0",
        WebUrl = null,
        MinimumLogLevel = LogLevel.Warning,
        Subscriptions = new() { BufferCapacity = 4096 },
    }, services => services.AddTimelineBackend(store, dataFolder));

    /// <param name="CpuPerCall">Milliseconds of this process's CPU (server and clients) per call: on a shared machine less noisy than rates.</param>
    /// <param name="WarmUp">How long the calls ran before measuring, until no method had been compiled for a second.</param>
    /// <param name="Client">What this process spent during the measurement (with the server in it, the server's too).</param>
    /// <param name="Server">What the server's own process spent during the measurement; null when it is this process.</param>
    private readonly record struct LatencyRun(double Throughput, double P50, double P99, double CpuPerCall, TimeSpan WarmUp, long Calls, ProcessSample Client, ProcessSample? Server);

    /// <summary>Every client calls back to back for <paramref name="duration"/>; each call's latency is kept.</summary>
    /// <param name="server">The counters of the server's own process; null when the server runs in this one.</param>
    private static async Task<LatencyRun> Unary(int clients, TimeSpan duration, Func<int, Task> call, Func<Task<ProcessSample>>? server = null)
    {
        async Task<long> Compiled() => System.Runtime.JitInfo.GetCompiledMethodCount() + (server is null ? 0 : (await server()).Compiled);
        // Warm-up at full load for half the measured time: connections open, read-model pages cached, and the
        // server's and clients' code through tiered compilation (one call each left the first phase measured at
        // about twice the steady cost of the same calls measured right after it).
        // At least half the measured time, and then until the JIT has gone quiet: with 32 clients on 2 cores the
        // background tier-up is starved, and code still in its instrumented tier (profiling helpers on every call)
        // cost about twice the steady state in a 2.5 s warm-up. A server that has run for a minute is past that.
        var warmUp = Measure.Start();
        var quiet = false;
        var warming = Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (!Volatile.Read(ref quiet))
            {
                await call(client);
                await Task.Yield();   // an in-process call completes synchronously; the timer below needs a thread too
            }
        })));
        var compiled = await Compiled();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = await Compiled();
            if (now == compiled && warmUp.Elapsed >= duration / 2) break;
            compiled = now;
        }
        Volatile.Write(ref quiet, true);
        await warming;
        var warmedFor = warmUp.Elapsed;
        var latencies = Enumerable.Range(0, clients).Select(_ => new List<long>(4096)).ToArray();
        // Collected before the clock starts, as Measure.Start does here; the server's process collects on its own.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var serverBefore = server is null ? (ProcessSample?)null : await server();
        var before = ProcessSample.OfThisProcess();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await call(client);
                latencies[client].Add(Stopwatch.GetTimestamp() - start);
            }
        })));
        var rate = Measure.Rate(latencies.Sum(l => l.Count), clock);
        var spent = ProcessSample.OfThisProcess().Since(before);
        var served = serverBefore is { } b ? (await server!()).Since(b) : (ProcessSample?)null;
        var all = latencies.SelectMany(l => l).ToArray();
        var cpuPerCall = (spent.Cpu + (served?.Cpu ?? TimeSpan.Zero)).TotalMilliseconds / Math.Max(1, all.Length);
        return new LatencyRun(rate, Percentile(all, 0.50), Percentile(all, 0.99), cpuPerCall, warmedFor, all.Length, spent, served);
    }

    /// <summary>Microseconds the client spends parsing one answer of this shape (the bytes a call receives).</summary>
    /// <summary>Size, then write into a reused buffer: the two passes the generated marshaller makes per answer.</summary>
    private static double EncodeMicroseconds(Google.Protobuf.IMessage message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        void Encode()
        {
            buffer.ResetWrittenCount();
            message.CalculateSize();
            Google.Protobuf.MessageExtensions.WriteTo(message, buffer);
        }
        for (var i = 0; i < 200; i++) Encode();
        const int Rounds = 2000;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < Rounds; i++) Encode();
        return (Stopwatch.GetTimestamp() - start) * 1_000_000.0 / Stopwatch.Frequency / Rounds;
    }

    /// <summary>What the server's marshaller does for an answer it handed out before: hand over the bytes kept with it.</summary>
    private static double SendKeptMicroseconds(GetActorTimelineResponse answer)
    {
        var kept = Timeline.Api.Timelines.EncodedAnswers.Keep(answer.Clone());
        var marshaller = Timeline.Api.Timelines.EncodedAnswers.Marshaller(GetActorTimelineResponse.Parser);
        var context = new CopyingContext();
        for (var i = 0; i < 200; i++) marshaller.ContextualSerializer(kept, context);
        const int Rounds = 2000;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < Rounds; i++) marshaller.ContextualSerializer(kept, context);
        return (Stopwatch.GetTimestamp() - start) * 1_000_000.0 / Stopwatch.Frequency / Rounds;
    }

    /// <summary>Copies a completed payload into a reused buffer, as the transport copies it into its pipe.</summary>
    private sealed class CopyingContext : Grpc.Core.SerializationContext
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(64 * 1024);

        public override void Complete(byte[] payload)
        {
            _buffer.ResetWrittenCount();
            System.Buffers.BuffersExtensions.Write(_buffer, payload);
        }

        public override System.Buffers.IBufferWriter<byte> GetBufferWriter()
        {
            _buffer.ResetWrittenCount();
            return _buffer;
        }

        public override void SetPayloadLength(int payloadLength) { }
        public override void Complete() { }
    }

    private static double DecodeMicroseconds<T>(T message) where T : Google.Protobuf.IMessage<T>, new()
    {
        var bytes = Google.Protobuf.MessageExtensions.ToByteArray(message);
        var parser = new Google.Protobuf.MessageParser<T>(() => new T());
        for (var i = 0; i < 200; i++) parser.ParseFrom(bytes);
        const int Rounds = 2000;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < Rounds; i++) parser.ParseFrom(bytes);
        return (Stopwatch.GetTimestamp() - start) * 1_000_000.0 / Stopwatch.Frequency / Rounds;
    }

    private delegate Task Subscribe(int count, CountdownEvent ready, ConcurrentDictionary<string, long>[] received, CancellationToken cancellationToken);

    /// <summary>
    /// Delivery latency percentiles: from the append call (what the target is stated against; it includes the store's
    /// own commit, fsync and all) and from its acknowledgement (the delivery path alone), and the append call itself.
    /// </summary>
    private readonly record struct DeliveryRun(double P50, double P99, double AckedP50, double AckedP99, double AppendP50, double AppendP99)
    {
        public override string ToString() =>
            $"from the call p50 {P50:0.0} ms p99 {P99:0.0} ms; from the ack p50 {AckedP50:0.0} ms p99 {AckedP99:0.0} ms; append itself p50 {AppendP50:0.0} ms p99 {AppendP99:0.0} ms";
    }

    private static async Task<DeliveryRun> Delivery(IEventStore store, int appends, Subscribe subscribe)
    {
        using var stop = new CancellationTokenSource();
        using var ready = new CountdownEvent(Subscribers);
        var received = Enumerable.Range(0, Subscribers).Select(_ => new ConcurrentDictionary<string, long>(1, appends)).ToArray();
        var running = subscribe(Subscribers, ready, received, stop.Token);
        // Polled, not ready.Wait(): a blocked pool thread is one the hundred subscribers cannot start on.
        var readyBy = DateTime.UtcNow.AddSeconds(60);
        while (!ready.IsSet)
        {
            if (DateTime.UtcNow > readyBy) throw new TimeoutException("subscribers did not catch up");
            await Task.Delay(10);
        }
        // The earlier measurements' garbage is collected now rather than in a pause in the middle of this one.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var calledAt = new Dictionary<string, long>(appends);
        var ackedAt = new Dictionary<string, long>(appends);
        var stream = "article-bench-delivery-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < appends; i++)
        {
            var data = DomainEventSerializer.Serialize(Statement(stream, 1000 + i));
            var called = Stopwatch.GetTimestamp();
            var result = await store.AppendToStream(stream, ExpectedRevision.Any, [data]);
            var acked = Stopwatch.GetTimestamp();
            calledAt[result.Position.ToString()] = called;
            ackedAt[result.Position.ToString()] = acked;
            await Task.Delay(5);   // a steady trickle, as live news arrives, not one burst
        }
        // Counted, not looked up: a check that walks every position would compete with the last deliveries for the CPU.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received.Any(r => r.Count < appends) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        await stop.CancelAsync();
        await running;

        long[] From(Dictionary<string, long> start) =>
            received.SelectMany(r => start.Select(a => r.TryGetValue(a.Key, out var at) ? Math.Max(0, at - a.Value) : long.MaxValue)).ToArray();
        var fromCall = From(calledAt);
        var fromAck = From(ackedAt);
        var append = calledAt.Select(c => ackedAt[c.Key] - c.Value).ToArray();
        return new DeliveryRun(Percentile(fromCall, 0.50), Percentile(fromCall, 0.99), Percentile(fromAck, 0.50), Percentile(fromAck, 0.99),
            Percentile(append, 0.50), Percentile(append, 0.99));
    }

    private static Task GrpcSubscribers(Uri address, int count, CountdownEvent ready, ConcurrentDictionary<string, long>[] received, CancellationToken cancellationToken)
    {
        // Ten connections of ten subscriptions each, as a handful of services would hold them.
        var channels = Enumerable.Range(0, 10).Select(_ => GrpcChannel.ForAddress(address)).ToArray();
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            var client = new Timeline.Api.V1.Events.EventsClient(channels[i % channels.Length]);
            using var call = client.Subscribe(new SubscribeRequest { From = "end" }, cancellationToken: cancellationToken);
            try
            {
                await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    // The clock is read first: the bookkeeping below is the benchmark's, not the delivery's.
                    var at = Stopwatch.GetTimestamp();
                    if (message.KindCase == SubscribeResponse.KindOneofCase.CaughtUp) ready.Signal();
                    else if (message.KindCase == SubscribeResponse.KindOneofCase.Event) received[i][message.Position] = at;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled) { return; }
            catch (OperationCanceledException) { return; }
        })).ToArray();
        return Task.WhenAll(tasks).ContinueWith(_ => { foreach (var c in channels) c.Dispose(); }, TaskScheduler.Default);
    }

    private static Task StoreSubscribers(IEventStore store, int count, CountdownEvent ready, ConcurrentDictionary<string, long>[] received, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            try
            {
                await foreach (var message in store.SubscribeToAll(SubscriptionStart.End, cancellationToken: cancellationToken))
                {
                    if (message is SubscriptionMessage.CaughtUp) ready.Signal();
                    else if (message is SubscriptionMessage.EventAppeared e)
                    {
                        DomainEventSerializer.Deserialize(e.Event);   // the server decodes too, to filter
                        received[i][e.Event.Position.ToString()] = Stopwatch.GetTimestamp();
                    }
                }
            }
            catch (OperationCanceledException) { return; }
        })));

    internal static async Task Seed(IEventStore store)
    {
        for (var i = 0; i < Entries; i++)
        {
            var stream = $"article-bench-{i}";
            await store.AppendToStream(stream, ExpectedRevision.Any, [DomainEventSerializer.Serialize(Statement(stream, i))]);
        }
    }

    internal static async Task WaitForTimeline(Uri address)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var client = new Timeline.Api.V1.Timelines.TimelinesClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await CountEntries(client) != Entries)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the projection did not show {Entries} entries for {Actor}");
            await Task.Delay(50);
        }
    }

    /// <summary>How many entries the actor's timeline has; 0 while the projection has not seen the actor yet (NOT_FOUND).</summary>
    private static async Task<int> CountEntries(Timeline.Api.V1.Timelines.TimelinesClient client)
    {
        try
        {
            return (await client.GetActorTimelineAsync(new GetActorTimelineRequest { Actor = Actor, PageSize = 100 })).Entries.Count;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return 0;
        }
    }

    private static StatementMade Statement(string stream, int i)
    {
        var article = ArticleId.Parse(stream["article-".Length..]);
        var quote = $"Benchmark statement number {i} about the state of the press.";
        return new StatementMade
        {
            EventId = DeterministicGuid.Create(stream, "bench", i.ToString()),
            Occurred = HistoricalDate.OfDay(2000 + i % 25, 1 + i % 12, 1 + i % 28),
            Country = CountryCode.Parse("TJ"),
            Place = "Dushanbe",
            Actors = new ValueList<EventActor>([new EventActor(ActorId.Parse(Actor), "Bench Speaker", ActorKind.Person, ActorRole.Speaker)]),
            Source = new EventSource
            {
                ArticleId = article,
                Title = "Benchmark article " + i,
                Outlet = "Bench Outlet",
                Url = $"https://example.org/bench/{i}",
                Published = HistoricalDate.OfDay(2000 + i % 25, 1 + i % 12, 1 + i % 28),
                Evidence = quote,
                EvidenceSpan = new TextSpan(0, quote.Length),
            },
            Confidence = 0.9,
            Cameo = StatementMade.DefaultCameo,
            Speaker = ActorId.Parse(Actor),
            Quotes = new ValueList<string>([quote]),
        };
    }

    private static double Percentile(long[] ticks, double p)
    {
        var sorted = ticks.Order().ToArray();
        var index = (int)Math.Clamp(Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] == long.MaxValue ? double.PositiveInfinity : sorted[index] * 1000.0 / Stopwatch.Frequency;
    }
}
