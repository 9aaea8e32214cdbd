using System.Globalization;
using Timeline.Benchmarks.Harness;
using Timeline.Benchmarks.Store;

// The registry: one line per scenario.
IBenchmarkScenario[] scenarios =
[
    new StoreScenario(),
    new Timeline.Benchmarks.Scenarios.GrpcScenario(),
    new Timeline.Benchmarks.Scenarios.EsdbScenario(),
    new Timeline.Benchmarks.Scenarios.ReplayScenario(),
    new Timeline.Benchmarks.Scenarios.IngestScenario(),
    new Timeline.Benchmarks.Scenarios.DecodeScenario(),
];

// Not a scenario: the grpc scenario's server in a process of its own, started by the scenario itself.
if (args is [Timeline.Benchmarks.Scenarios.GrpcServerProcess.Command, var serverFolder])
    return await Timeline.Benchmarks.Scenarios.GrpcServerProcess.Serve(serverFolder);

string? jsonFile = null;
long? events = null;
int? runs = null;
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--json" when i + 1 < args.Length:
            jsonFile = args[++i];
            break;
        case "--events" when i + 1 < args.Length && long.TryParse(args[i + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n > 0:
            events = n;
            i++;
            break;
        case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
            runs = r;
            i++;
            break;
        case var a when !a.StartsWith("--", StringComparison.Ordinal):
            names.Add(a);
            break;
        default:
            return Usage($"Unknown or incomplete option '{args[i]}'.");
    }
}
if (names.Count == 0) return Usage(null);

var selected = new List<IBenchmarkScenario>();
foreach (var name in names)
{
    if (name == "all") selected.AddRange(scenarios);
    else if (scenarios.FirstOrDefault(s => s.Name == name) is { } s) selected.Add(s);
    else return Usage($"No scenario is called '{name}'.");
}

var results = new List<BenchmarkResult>();
foreach (var scenario in selected.Distinct())
{
    var folder = Path.Combine(Path.GetTempPath(), "timeline-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(folder);
    try
    {
        var options = new BenchmarkOptions { WorkFolder = folder };
        if (events is { } count) options = options with { Events = count };
        if (runs is { } times) options = options with { Runs = times };
        Console.Error.WriteLine($"# {scenario.Name}: {scenario.Description}");
        results.AddRange(await scenario.Run(options));
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // TIMELINE_BENCH_KEEP=1 leaves the logs and read models behind for a look with sqlite3.
        if (Environment.GetEnvironmentVariable("TIMELINE_BENCH_KEEP") is null) Directory.Delete(folder, recursive: true);
        else Console.Error.WriteLine($"kept {folder}");
    }
}

Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine();
Console.Write(ResultTable.Markdown(results));
if (jsonFile is not null)
{
    await File.WriteAllTextAsync(jsonFile, ResultTable.Json(results));
    Console.Error.WriteLine($"Wrote {jsonFile}");
}
return 0;

int Usage(string? error)
{
    if (error is not null) Console.Error.WriteLine(error);
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Timeline.Benchmarks -- SCENARIO|all [--json FILE] [--events N] [--runs N]");
    foreach (var s in scenarios) Console.Error.WriteLine($"  {s.Name,-12} {s.Description}");
    Console.Error.WriteLine("  environment: TIMELINE_BENCH_KEEP=1 keeps each scenario's work folder; TIMELINE_PROJECTION_BATCH=N events per replay transaction; TIMELINE_REPLAY_SPILL_REPORTS=N reports per replay spill file");
    return 2;
}
