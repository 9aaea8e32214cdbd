using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Timeline.Application.Hosting;
using Timeline.Cli.Output;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;

namespace Timeline.Cli.Commands;

/// <summary><c>timeline events [--from POS] [--type T] [--format table|jsonl]</c>: the stored domain events in log order.</summary>
public static class EventsCommand
{
    private static readonly Option<string?> From = new("--from") { Description = "Log position to start at (inclusive), e.g. 42." };
    private static readonly Option<string?> Type = new("--type") { Description = "Only events of this type (PartyBanned, ConferenceHeld, InternetOutage, StatementMade, ArticleIngested)." };
    private static readonly Option<string?> Format = new("--format") { Description = "table (default) or jsonl." };

    public static Command Create()
    {
        var command = new Command("events", "Dump stored domain events in log order, so anyone can check what was extracted.")
        {
            From, Type, Format,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => Run(parse, ct));
        return command;
    }

    private static async Task<int> Run(ParseResult parse, CancellationToken cancellationToken)
    {
        var console = new CliConsole(parse);
        if (parse.Errors.Count > 0) return console.Usage(parse.Errors[0].Message);
        if (parse.UnmatchedTokens.Count > 0) return console.Usage($"unknown argument '{parse.UnmatchedTokens[0]}'.");
        var from = LogPosition.Start;
        if (parse.GetValue(From) is { } fromText && !LogPosition.TryParse(fromText, out from))
            return console.Usage($"--from '{fromText}' is not a log position (e.g. 42).");
        string? type = null;
        if (parse.GetValue(Type) is { } typeText && !EventTypeMap.TryNormalizeName(typeText, out type))
            return console.Usage($"--type '{typeText}' is not an event type; use one of {string.Join(", ", EventTypeMap.AllNames)}.");
        var format = (parse.GetValue(Format) ?? "table").ToLowerInvariant();
        if (format is not ("table" or "jsonl")) return console.Usage($"--format '{format}' is unknown; use table or jsonl.");

        StoreUri uri;
        try { uri = GlobalOptions.StoreUri(parse); }
        catch (FormatException ex) { return console.Usage(ex.Message); }
        IEventStore store;
        try { store = await EventStoreFactory.Open(uri, cancellationToken: cancellationToken); }
        catch (EventStoreUnavailableException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }

        await using (store)
        {
            var table = new Table().AddColumn("Pos").AddColumn("Type").AddColumn("Occurred").AddColumn("Country")
                .AddColumn("Actors").AddColumn("Conf.").AddColumn("Evidence");
            var rows = 0;
            await foreach (var recorded in store.ReadAll(ReadDirection.Forwards, from, cancellationToken: cancellationToken))
            {
                if (type is not null && recorded.Type != type) continue;
                var stored = DomainEventSerializer.Deserialize(recorded);
                if (format == "jsonl")
                {
                    console.Out.WriteLine(EventView.ToJson(stored).ToJsonString(EventJson.Options));
                    continue;
                }
                table.AddRow(Row(stored).Select(Markup.Escape).ToArray());
                rows++;
            }
            if (format == "table")
            {
                if (rows == 0) console.Out.WriteLine("No events.");
                else console.Ansi.Write(table);
            }
        }
        return ExitCodes.Ok;
    }

    private static IEnumerable<string> Row(StoredEvent stored)
    {
        var r = stored.Recorded;
        yield return r.Position.ToString();
        yield return r.Type;
        switch (stored)
        {
            case StoredEvent.Known { Event: TimelineEvent e }:
                yield return e.Occurred.ToEdtf();
                yield return e.Country.Value;
                yield return string.Join(", ", e.Actors.Select(a => $"{a.Name} ({a.Role})"));
                yield return e.Confidence.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
                yield return e.Source.Evidence.Length > 90 ? e.Source.Evidence[..90] + "…" : e.Source.Evidence;
                break;
            case StoredEvent.Known { Event: ArticleIngested a }:
                yield return a.Published?.ToEdtf() ?? "";
                yield return "";
                yield return a.Title ?? a.ArticleId.Value;
                yield return "";
                yield return $"{a.EventCount} events, {a.ExtractorVersion}";
                break;
            case StoredEvent.Raw raw:
                foreach (var cell in new[] { "", "", "", "", raw.Reason }) yield return cell;
                break;
            default:
                foreach (var cell in new[] { "", "", "", "", "" }) yield return cell;
                break;
        }
    }
}
