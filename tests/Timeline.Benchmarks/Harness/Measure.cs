using System.Diagnostics;

namespace Timeline.Benchmarks.Harness;

/// <summary>
/// A plain stopwatch harness. Each measurement times only its core loop (opening files and creating tables stay
/// outside) and returns a rate; ours and the baseline alternate and the best of a few runs is kept, to damp the
/// noise of a machine shared with other work.
/// </summary>
public static class Measure
{
    /// <summary>Starts a clock after collecting garbage left by earlier measurements.</summary>
    public static Stopwatch Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Stopwatch.StartNew();
    }

    public static double Rate(long items, Stopwatch clock) => items / clock.Elapsed.TotalSeconds;

    /// <summary>Alternates ours and the baseline <paramref name="runs"/> times and keeps the best rate of each.</summary>
    public static async Task<(double Ours, double Baseline)> BestOf(int runs, Func<int, Task<double>> ours, Func<int, double> baseline)
    {
        double best = 0, bestBaseline = 0;
        for (var run = 0; run < runs; run++)
        {
            best = Math.Max(best, await ours(run));
            bestBaseline = Math.Max(bestBaseline, baseline(run));
        }
        return (best, bestBaseline);
    }
}
