namespace Timeline.Benchmarks.Harness;

/// <summary>
/// One named group of measurements, run by <c>dotnet run -c Release --project tests/Timeline.Benchmarks -- NAME</c>.
/// To add one: write a class implementing this in its own folder and add one line to the registry in Program.cs.
/// </summary>
public interface IBenchmarkScenario
{
    /// <summary>The command-line name ("store").</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>Runs every measurement of the scenario, each with its baseline measured in the same run.</summary>
    Task<IReadOnlyList<BenchmarkResult>> Run(BenchmarkOptions options);
}

/// <summary>
/// One measurement: ours and the baseline in the same unit, where higher is better (a rate, not a duration),
/// so <see cref="Ratio"/> = ours / baseline reads the same way for every row.
/// </summary>
public sealed record BenchmarkResult(string Name, double Value, string Unit, double Baseline)
{
    public double Ratio => Baseline > 0 ? Value / Baseline : double.NaN;
}

/// <summary>What the command line says, for every scenario.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Events for the large measurements (default 1,000,000); <c>--events N</c> scales a quick run down.</summary>
    public long Events { get; init; } = 1_000_000;

    /// <summary>How many times each measurement runs (alternating with its baseline); the best run counts. <c>--runs N</c>.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>A fresh folder for the scenario's files; deleted after the run.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>Progress lines go here (stderr), so stdout holds only the result table.</summary>
    public TextWriter Log { get; init; } = Console.Error;
}
