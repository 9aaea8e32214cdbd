using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Timeline.EventStore;

namespace Timeline.Projections.Tests.Support;

/// <summary>
/// The real <c>timeline</c> CLI run as a child process (the test project builds it through a ProjectReference),
/// so a test can SIGKILL it in the middle of projecting.
/// </summary>
public sealed class ChildCli : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _stdout = [];

    private ChildCli(Process process) => _process = process;

    public static ChildCli Start(string dataDirectory, string storePath, int batchSize, params string[] arguments) =>
        Start(dataDirectory, storePath, batchSize, new Dictionary<string, string>(), arguments);

    /// <param name="environment">More of the CLI's knobs (TIMELINE_REPLAY_KEY_BY_KEY, TIMELINE_REPLAY_SPILL_REPORTS).</param>
    public static ChildCli Start(string dataDirectory, string storePath, int batchSize, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Locate());
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--store");
        info.ArgumentList.Add("sqlite:" + storePath);
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(dataDirectory);
        info.Environment["TIMELINE_PROJECTION_BATCH"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var child = new ChildCli(new Process { StartInfo = info });
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (child._output)
            {
                child._output.Add(e.Data);
                child._stdout.Add(e.Data);
            }
        };
        child._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (child._output) child._output.Add(e.Data); };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    /// <summary>Waits for the command to finish; returns its exit code.</summary>
    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var guard = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(guard.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public string StandardOutput
    {
        get { lock (_output) return string.Join('\n', _stdout); }
    }

    /// <summary>SIGKILL: no chance to finish a transaction, flush or clean up.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// Waits until the checkpoint of the generation named by the control row <paramref name="which"/> ("current" or
    /// "replaying") has passed <paramref name="commit"/>, reading the read-model file as another process would.
    /// </summary>
    public async Task WaitForCheckpoint(string readModelPath, string which, ulong commit, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = readModelPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The child finished before it could be killed: {Output}");
            if (File.Exists(readModelPath) && ReadCheckpoint(connectionString, which) is { } reached && reached.Commit >= commit) return;
            await Task.Delay(2);
        }
        throw new TimeoutException($"The child did not reach position {commit}: {Output}");
    }

    private static LogPosition? ReadCheckpoint(string connectionString, string which) =>
        ReadMeta(connectionString, which, "checkpoint") is { } cp ? LogPosition.Parse(cp) : null;

    private static string? ReadMeta(string connectionString, string which, string key)
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT value FROM control WHERE key = $k";
            cmd.Parameters.AddWithValue("$k", which);
            if (cmd.ExecuteScalar() is not string g) return null;
            cmd.CommandText = $"SELECT value FROM {g}_meta WHERE key = $m";
            cmd.Parameters.AddWithValue("$m", key);
            return cmd.ExecuteScalar() as string;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 1 or 5 or 6)
        {
            // Not created yet (no such table) or busy: the child is still setting up; look again.
            return null;
        }
    }

    /// <summary>src/Timeline.Cli/bin/CONFIG/TFM/timeline.dll, beside this test project's own bin/CONFIG/TFM.</summary>
    private static string Locate()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!;
        var repo = configuration.Parent!.Parent!.Parent!.Parent!;
        var dll = Path.Combine(repo.FullName, "src", "Timeline.Cli", "bin", configuration.Name, tfm.Name, "timeline.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The CLI is not built at {dll}.");
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
