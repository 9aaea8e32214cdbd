using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Timeline.Benchmarks.Harness;

public static class ResultTable
{
    public static string Markdown(IEnumerable<BenchmarkResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| benchmark | ours | baseline | unit | ratio |");
        text.AppendLine("|---|---:|---:|---|---:|");
        foreach (var r in results)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {Figure(r.Value)} | {Figure(r.Baseline)} | {r.Unit} | {r.Ratio:0.00} |");
        return text.ToString();
    }

    /// <summary>Whole numbers, but a tenth below 100: a p99 of 2.6 ms against a 3 ms target must not read "3".</summary>
    private static string Figure(double value) =>
        Math.Abs(value) < 100 ? value.ToString("N1", CultureInfo.InvariantCulture) : value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The JSON array of <c>{"name","value","unit","baseline","ratio"}</c> that <c>--json FILE</c> writes.</summary>
    public static string Json(IEnumerable<BenchmarkResult> results) =>
        JsonSerializer.Serialize(results.Select(r => new Row(r.Name, Math.Round(r.Value, 1), r.Unit, Math.Round(r.Baseline, 1), Math.Round(r.Ratio, 3))),
            new JsonSerializerOptions { WriteIndented = true });

    private sealed record Row(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("value")] double Value,
        [property: JsonPropertyName("unit")] string Unit,
        [property: JsonPropertyName("baseline")] double Baseline,
        [property: JsonPropertyName("ratio")] double Ratio);
}
