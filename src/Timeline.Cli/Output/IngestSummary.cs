using Spectre.Console;
using Timeline.Application.Ingestion.IngestArticle;
using Timeline.Ingestion.Reading;

namespace Timeline.Cli.Output;

/// <summary>Counts of an ingest run and the reasons of its failures, written at the end.</summary>
public sealed class IngestSummary
{
    public int Ingested { get; private set; }
    public int Duplicates { get; private set; }
    public List<(string Origin, string Reason)> Failed { get; } = [];
    public SortedDictionary<string, int> EventsByType { get; } = new(StringComparer.Ordinal);
    public int Total => Ingested + Duplicates + Failed.Count;
    /// <summary>Files a folder walk passed over because their extension is not an article format.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    public void Add(IngestArticleResult result)
    {
        switch (result.Outcome)
        {
            case IngestOutcome.Ingested:
                Ingested++;
                foreach (var (type, count) in result.EventsByType) EventsByType[type] = EventsByType.GetValueOrDefault(type) + count;
                break;
            case IngestOutcome.Duplicate:
                Duplicates++;
                break;
            default:
                Failed.Add((result.Origin, result.Reason ?? "unknown reason"));
                break;
        }
    }

    public void Write(CliConsole console, TimeSpan elapsed, string store)
    {
        var rate = elapsed.TotalSeconds > 0 ? Total / elapsed.TotalSeconds : 0;
        if (console.Interactive)
        {
            var table = new Table().AddColumn("Outcome").AddColumn(new TableColumn("Articles").RightAligned());
            table.AddRow("[green]ingested[/]", Ingested.ToString("N0"));
            table.AddRow("[yellow]duplicates[/]", Duplicates.ToString("N0"));
            table.AddRow(Failed.Count > 0 ? "[red]failed[/]" : "failed", Failed.Count.ToString("N0"));
            console.Ansi.Write(table);
            if (EventsByType.Count > 0)
            {
                var events = new Table().AddColumn("Event type").AddColumn(new TableColumn("Events").RightAligned());
                foreach (var (type, count) in EventsByType) events.AddRow(type, count.ToString("N0"));
                console.Ansi.Write(events);
            }
            foreach (var (origin, reason) in Failed)
                console.Ansi.MarkupLine($"[red]failed[/] {Markup.Escape(origin)}: {Markup.Escape(reason)}");
            if (SkippedLine() is { } skippedLine) console.Ansi.MarkupLine($"[yellow]{Markup.Escape(skippedLine)}[/]");
            console.Ansi.MarkupLine($"[grey]{Total:N0} articles in {elapsed.TotalSeconds:F1} s ({rate:N0}/s) into {Markup.Escape(store)}[/]");
            return;
        }
        console.Out.WriteLine($"ingested: {Ingested}");
        console.Out.WriteLine($"duplicates: {Duplicates}");
        console.Out.WriteLine($"failed: {Failed.Count}");
        foreach (var (origin, reason) in Failed) console.Out.WriteLine($"  {origin}: {reason}");
        console.Out.WriteLine("events by type: " + (EventsByType.Count == 0 ? "none" : string.Join(", ", EventsByType.Select(kv => $"{kv.Key} {kv.Value}"))));
        if (SkippedLine() is { } line) console.Out.WriteLine(line);
        console.Out.WriteLine($"{Total} articles in {elapsed.TotalSeconds:F1} s ({rate:F0}/s) into {store}");
    }

    private string? SkippedLine()
    {
        if (Skipped.Count == 0) return null;
        const int shown = 3;
        var names = string.Join(", ", Skipped.Take(shown)) + (Skipped.Count > shown ? $" and {Skipped.Count - shown:N0} more" : "");
        var extensions = string.Join(" ", ArticleFileReader.SupportedExtensions.Order(StringComparer.Ordinal));
        return $"skipped: {Skipped.Count:N0} {(Skipped.Count == 1 ? "file" : "files")} not in an article format ({names}); folders are read for {extensions}";
    }
}
