using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Timeline.EventStore.Tests;

/// <summary>One append the child writer reported as acknowledged.</summary>
public sealed record Ack(string Stream, ulong Revision, LogPosition Position, long Batch, int Count)
{
    public static Ack Parse(string line)
    {
        var f = line.Split(' ');
        return new Ack(f[1], ulong.Parse(f[2], CultureInfo.InvariantCulture), LogPosition.Parse(f[3]),
            long.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Runs tests/Timeline.EventStore.CrashWriter as a child process (the test project builds it first through a
/// ProjectReference) and collects the appends it acknowledges on stdout.
/// </summary>
public sealed class ChildWriter : IDisposable
{
    private readonly Process _process;
    private readonly List<Ack> _acks = [];
    private readonly List<string> _errors = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _acked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildWriter(Process process) => _process = process;

    public static ChildWriter Start(string dbPath, string streamPrefix, long? batches = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Locate());
        info.ArgumentList.Add(dbPath);
        info.ArgumentList.Add(streamPrefix);
        if (batches is { } b) info.ArgumentList.Add(b.ToString(CultureInfo.InvariantCulture));

        var child = new ChildWriter(new Process { StartInfo = info, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        child._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (child._errors) child._errors.Add(e.Data);
        };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The acknowledged appends so far.</summary>
    public IReadOnlyList<Ack> Acks
    {
        get { lock (_acks) return _acks.ToArray(); }
    }

    public string Errors
    {
        get { lock (_errors) return string.Join('\n', _errors); }
    }

    public Task Ready => _ready.Task;

    /// <summary>Completes once at least <paramref name="count"/> appends are acknowledged.</summary>
    public async Task WaitForAcks(int count, TimeSpan timeout)
    {
        using var guard = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (_acks)
            {
                if (_acks.Count >= count) return;
                next = _acked.Task;
            }
            if (_process.HasExited && Acks.Count < count)
                throw new InvalidOperationException($"The child writer exited ({_process.ExitCode}) after {Acks.Count} acks: {Errors}");
            await Task.WhenAny(next, Task.Delay(100, guard.Token));
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish, flush or roll back anything.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var guard = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(guard.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        if (line == "ready") _ready.TrySetResult();
        if (!line.StartsWith("ack ", StringComparison.Ordinal)) return;
        TaskCompletionSource signal;
        lock (_acks)
        {
            _acks.Add(Ack.Parse(line));
            signal = _acked;
            _acked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
    }

    /// <summary>tests/Timeline.EventStore.CrashWriter/bin/CONFIG/TFM/…dll, beside this test project's own bin/CONFIG/TFM.</summary>
    private static string Locate()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!;
        var testsFolder = configuration.Parent!.Parent!.Parent!;
        var dll = Path.Combine(testsFolder.FullName, "Timeline.EventStore.CrashWriter", "bin", configuration.Name, tfm.Name,
            "Timeline.EventStore.CrashWriter.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The crash writer is not built at {dll}; build tests/Timeline.EventStore.Tests (it references it).");
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}

/// <summary>Checks what child writers left in a store: every batch whole, every acknowledged append present.</summary>
public static class WrittenBatches
{
    private sealed record Row(RecordedEvent Event, long Batch, int Index, int Count);

    /// <summary>Returns the number of whole batches found (acknowledged or not).</summary>
    public static async Task<int> AssertIntact(IEventStore store, IReadOnlyCollection<Ack> acks)
    {
        var rows = new List<Row>();
        await foreach (var e in store.ReadAll(ReadDirection.Forwards, LogPosition.Start))
        {
            using var json = JsonDocument.Parse(e.Data);
            var root = json.RootElement;
            rows.Add(new Row(e, root.GetProperty("batch").GetInt64(), root.GetProperty("index").GetInt32(), root.GetProperty("count").GetInt32()));
        }

        // Positions are handed out with no gap: a torn or half-visible transaction would leave one.
        for (var i = 0; i < rows.Count; i++)
            Assert.Equal(LogPosition.Of((ulong)i + 1), rows[i].Event.Position);

        var batches = rows.GroupBy(r => (r.Event.Stream, r.Batch)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var ((stream, batch), batchRows) in batches)
        {
            var count = batchRows[0].Count;
            Assert.True(batchRows.Count == count, $"Batch {batch} of '{stream}' has {batchRows.Count} of its {count} events.");
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(i, batchRows[i].Index);
                Assert.Equal(batchRows[0].Event.Position.Commit + (ulong)i, batchRows[i].Event.Position.Commit);
                Assert.Equal(batchRows[0].Event.Revision + (ulong)i, batchRows[i].Event.Revision);
            }
        }

        foreach (var stream in rows.Select(r => r.Event.Stream).Distinct())
        {
            var revisions = rows.Where(r => r.Event.Stream == stream).Select(r => r.Event.Revision).ToList();
            Assert.Equal(Enumerable.Range(0, revisions.Count).Select(i => (ulong)i), revisions);
            Assert.Equal(new StreamState(revisions[^1]), await store.GetStreamState(stream));
        }

        foreach (var ack in acks)
        {
            Assert.True(batches.TryGetValue((ack.Stream, ack.Batch), out var batchRows), $"Acknowledged batch {ack.Batch} of '{ack.Stream}' is missing.");
            Assert.Equal(ack.Count, batchRows.Count);
            Assert.Equal(ack.Position, batchRows[^1].Event.Position);
            Assert.Equal(ack.Revision, batchRows[^1].Event.Revision);
        }
        return batches.Count;
    }
}
