using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Timeline.Api.Hosting;
using Timeline.Application.Hosting;
using Timeline.EventStore;

namespace Timeline.Benchmarks.Scenarios;

/// <summary>
/// What one process spent over a stretch of time: CPU, garbage collections (gen0 counts every collection, gen1 those
/// of gen1 and gen2, as <see cref="GC.CollectionCount"/> does), time paused for them, methods compiled, and thread-pool work.
/// </summary>
public readonly record struct ProcessSample(TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Compiled, long WorkItems, int Threads, long LockContentions)
{
    public static ProcessSample OfThisProcess() => new(
        Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration(), System.Runtime.JitInfo.GetCompiledMethodCount(), ThreadPool.CompletedWorkItemCount,
        ThreadPool.ThreadCount, Monitor.LockContentionCount);

    /// <summary>What happened between <paramref name="before"/> and this sample (the thread count is this sample's).</summary>
    public ProcessSample Since(ProcessSample before) => new(Cpu - before.Cpu, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2,
        Paused - before.Paused, Compiled - before.Compiled, WorkItems - before.WorkItems, Threads, LockContentions - before.LockContentions);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CPU {Cpu.TotalMilliseconds:N0} ms, GC {Gen0}/{Gen1}/{Gen2} (gen0+/gen1+/gen2) paused {Paused.TotalMilliseconds:0.0} ms, {WorkItems:N0} pool work items on {Threads} threads, {LockContentions:N0} lock contentions");

    public string ToLine() => string.Join(' ', new[] { Cpu.Ticks, Gen0, Gen1, Gen2, Paused.Ticks, Compiled, WorkItems, Threads, LockContentions }
        .Select(n => n.ToString(CultureInfo.InvariantCulture)));

    public static ProcessSample ParseLine(string line)
    {
        var n = line.Split(' ').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new(TimeSpan.FromTicks(n[0]), (int)n[1], (int)n[2], (int)n[3], TimeSpan.FromTicks(n[4]), n[5], n[6], (int)n[7], n[8]);
    }
}

/// <summary>
/// The gRPC server in a process of its own, as <c>timeline serve</c> runs in production, with the clients in another:
/// the clients' garbage collections then no longer suspend the server's threads, and the two no longer share one thread
/// pool. The child is this benchmark executable run with the hidden command <see cref="Command"/>: it seeds a store of its
/// own, serves it on 127.0.0.1:0, and talks to the parent through lines on stdin and stdout.
/// </summary>
public sealed class GrpcServerProcess : IAsyncDisposable
{
    /// <summary>The hidden command line: <c>Timeline.Benchmarks grpc-server FOLDER</c>.</summary>
    public const string Command = "grpc-server";

    /// <summary>Lines of the protocol start with this; anything else on the child's stdout (its log) is passed on.</summary>
    private const string Prefix = "bench:";

    /// <summary>
    /// Settings for the child only, for experiments: <c>TIMELINE_BENCH_SERVER_ENV="DOTNET_gcServer=0;DOTNET_GCgen0size=0x4000000"</c>;
    /// <c>NAME=</c> keeps this process's NAME from the child.
    /// </summary>
    private const string ServerEnvironment = "TIMELINE_BENCH_SERVER_ENV";

    private readonly Process _process;
    private readonly Channel<string> _replies;

    private GrpcServerProcess(Process process, Channel<string> replies, Uri address)
    {
        _process = process;
        _replies = replies;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts the child, waits until it has seeded its store and the timeline is served, and returns its address.</summary>
    public static async Task<GrpcServerProcess> Start(string folder, TextWriter log)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Run as `dotnet Timeline.Benchmarks.dll …` or as the apphost: the child is started the same way.
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("No path for this process.");
        start.FileName = host;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(GrpcServerProcess).Assembly.Location);
        start.ArgumentList.Add(Command);
        start.ArgumentList.Add(folder);
        foreach (var setting in (Environment.GetEnvironmentVariable(ServerEnvironment) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            // NAME= with nothing after it: a setting of this process that the child must not inherit.
            if (value.Length == 0) start.Environment.Remove(name);
            else start.Environment[name] = value;
            log.WriteLine($"server process: {name}={value}");
        }

        var replies = Channel.CreateUnbounded<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) replies.Writer.TryComplete();
            else if (e.Data.StartsWith(Prefix, StringComparison.Ordinal)) replies.Writer.TryWrite(e.Data[Prefix.Length..]);
            else log.WriteLine($"server process: {e.Data}");
        };
        process.Start();
        process.BeginOutputReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var line = await replies.Reader.ReadAsync(timeout.Token);
            if (!line.StartsWith("listening ", StringComparison.Ordinal)) throw new InvalidOperationException($"server process said '{line}'");
            return new GrpcServerProcess(process, replies, new Uri(line["listening ".Length..]));
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The child's counters now.</summary>
    public async Task<ProcessSample> Sample()
    {
        await _process.StandardInput.WriteLineAsync("sample");
        await _process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return ProcessSample.ParseLine(await _replies.Reader.ReadAsync(timeout.Token));
    }

    /// <summary>Asks the child to stop (it also stops when its stdin closes, should this process die); kills it if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            Stop(_process);
        }
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }   // it had already gone
    }

    /// <summary>The child's side: seed, serve, answer "sample" lines, stop when stdin closes or the host is told to stop.</summary>
    public static async Task<int> Serve(string folder)
    {
        Directory.CreateDirectory(folder);
        var store = await EventStoreFactory.Open(StoreUri.Parse("sqlite:" + Path.Combine(folder, "events.db")));
        await using (store)
        {
            var server = GrpcScenario.CreateServer(store, Path.Combine(folder, "data"));
            await using (server)
            {
                await server.StartAsync();
                await GrpcScenario.Seed(store);
                await GrpcScenario.WaitForTimeline(server.GrpcAddress);
                var output = Console.Out;
                await output.WriteLineAsync($"{Prefix}listening {server.GrpcAddress}");
                await output.FlushAsync();

                var stopping = server.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                var input = Console.In;
                while (!stopping.IsCancellationRequested)
                {
                    var line = await input.ReadLineAsync(stopping).AsTask().ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
                    if (line is null) break;
                    if (line == "sample")
                    {
                        await output.WriteLineAsync(Prefix + ProcessSample.OfThisProcess().ToLine());
                        await output.FlushAsync();
                    }
                }
                await server.StopAsync();
            }
        }
        return 0;
    }
}
