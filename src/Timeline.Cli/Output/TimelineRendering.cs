using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Timeline.Application.Timelines;

namespace Timeline.Cli.Output;

/// <summary>Prints timelines and the actor directory as a table for people, JSON or CSV for scripts.</summary>
public static class TimelineRendering
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void ActorTimeline(CliConsole console, ActorTimelineView view, string format)
    {
        switch (format)
        {
            case "json":
                console.Out.WriteLine(JsonSerializer.Serialize(view, Json));
                break;
            case "csv":
                Csv(console, view.Entries);
                break;
            default:
                var aliases = view.Actor.Aliases.Count == 0 ? "" : $" — also {string.Join(", ", view.Actor.Aliases)}";
                console.Ansi.MarkupLine($"[bold]{Markup.Escape(view.Actor.Name)}[/] ({Markup.Escape(view.Actor.Id)}, {Markup.Escape(view.Actor.Kind)}){Markup.Escape(aliases)}");
                Table(console.Ansi, view.Entries, showCountry: true);
                break;
        }
    }

    public static void CountryTimeline(CliConsole console, CountryTimelineView view, string format)
    {
        switch (format)
        {
            case "json":
                console.Out.WriteLine(JsonSerializer.Serialize(view, Json));
                break;
            case "csv":
                Csv(console, view.Entries);
                break;
            default:
                console.Ansi.MarkupLine($"[bold]{Markup.Escape(view.Country.Name)}[/] ({Markup.Escape(view.Country.Code)})");
                Table(console.Ansi, view.Entries, showCountry: false);
                break;
        }
    }

    public static void Directory(CliConsole console, IReadOnlyList<ActorDirectoryEntryView> actors, string format)
    {
        switch (format)
        {
            case "json":
                console.Out.WriteLine(JsonSerializer.Serialize(new { actors }, Json));
                break;
            case "csv":
                var csv = new StringBuilder("id,name,kind,aliases,eventCount,firstDate,lastDate\n");
                foreach (var a in actors)
                    csv.AppendLine(string.Join(',', Cell(a.Id), Cell(a.Name), Cell(a.Kind), Cell(string.Join("; ", a.Aliases)),
                        a.EventCount.ToString(CultureInfo.InvariantCulture), Cell(a.FirstDate), Cell(a.LastDate)));
                console.Out.Write(csv.ToString());
                break;
            default:
                if (actors.Count == 0)
                {
                    console.Ansi.MarkupLine("[grey]No actors.[/]");
                    return;
                }
                var table = new Table().Border(TableBorder.Rounded)
                    .AddColumn("Id").AddColumn("Name").AddColumn("Kind").AddColumn("Also known as").AddColumn(new TableColumn("Events").RightAligned())
                    .AddColumn("First").AddColumn("Last");
                foreach (var a in actors)
                    table.AddRow(Markup.Escape(a.Id), Markup.Escape(a.Name), Markup.Escape(a.Kind), Markup.Escape(AliasesInBrief(a.Aliases)),
                        a.EventCount.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.FirstDate ?? ""), Markup.Escape(a.LastDate ?? ""));
                console.Ansi.Write(table);
                break;
        }
    }

    private static void Table(IAnsiConsole ansi, IReadOnlyList<TimelineEntryView> entries, bool showCountry)
    {
        if (entries.Count == 0)
        {
            ansi.MarkupLine("[grey]No entries.[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Date").AddColumn("Type").AddColumn("What happened").AddColumn(new TableColumn("Sources").RightAligned());
        if (showCountry) table.AddColumn("Country");
        foreach (var e in entries)
        {
            var date = Markup.Escape(e.OccurredDisplay);
            if (e.Disputed) date += $"\n[yellow]disputed: {Markup.Escape(string.Join(" vs ", e.DisputedDates.Select(Display)))}[/]";
            // The place in grey after the line, unless the line already says it ("… held in Vilnius").
            var summary = Markup.Escape(e.Summary) + (e.Place is { Length: > 0 } place && !e.Summary.Contains(place, StringComparison.Ordinal)
                ? $" [grey]({Markup.Escape(place)})[/]" : "");
            var cells = new List<string> { date, Markup.Escape(e.Type), summary, e.Corroboration.ToString(CultureInfo.InvariantCulture) };
            if (showCountry) cells.Add(Markup.Escape(e.Country));
            table.AddRow(cells.ToArray());
        }
        ansi.Write(table);
        ansi.MarkupLine($"[grey]{entries.Count} {(entries.Count == 1 ? "entry" : "entries")}; dates are as precise as the sources (\"Sep 2015\" is a month, \"late Sep 2015\" its last third).[/]");
    }

    /// <summary>
    /// A party can have a dozen spellings; listing them all in a table column squeezes the names into broken words,
    /// so the table shows the first few and a count (json and csv keep every alias).
    /// </summary>
    public static string AliasesInBrief(IReadOnlyList<string> aliases, int shown = 3) =>
        aliases.Count <= shown ? string.Join(", ", aliases) : $"{string.Join(", ", aliases.Take(shown))} (+{aliases.Count - shown} more)";

    private static string Display(string edtf) =>
        Timeline.Domain.Dates.HistoricalDate.TryParseEdtf(edtf, out var date) ? date.ToDisplay() : edtf;

    private static void Csv(CliConsole console, IReadOnlyList<TimelineEntryView> entries)
    {
        var csv = new StringBuilder("occurred,occurredDisplay,type,summary,country,place,actors,corroboration,disputed,disputedDates,confidence,sources\n");
        foreach (var e in entries)
            csv.AppendLine(string.Join(',',
                Cell(e.Occurred), Cell(e.OccurredDisplay), Cell(e.Type), Cell(e.Summary), Cell(e.Country), Cell(e.Place),
                Cell(string.Join("; ", e.Actors.Select(a => $"{a.Id} ({a.Role})"))),
                e.Corroboration.ToString(CultureInfo.InvariantCulture), e.Disputed ? "true" : "false",
                Cell(string.Join("; ", e.DisputedDates)), e.Confidence.ToString("0.###", CultureInfo.InvariantCulture),
                Cell(string.Join("; ", e.Sources.Select(s => s.Url ?? s.ArticleId)))));
        console.Out.Write(csv.ToString());
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
