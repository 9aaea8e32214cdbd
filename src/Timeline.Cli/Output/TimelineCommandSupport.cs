using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Application;
using Timeline.Application.Hosting;
using Timeline.Projections;
using Timeline.Application.Projections;
using Timeline.Application.Timelines;
using Timeline.EventStore;
using Timeline.Projections.Runner;

namespace Timeline.Cli.Output;

/// <summary>What the timeline commands (actor, country, actors, replay) share: options, wiring, errors.</summary>
public static class TimelineCommandSupport
{
    public static Option<string?> FromOption() => new("--from") { Description = "Only entries that can fall on or after this date (2015, 2015-09, 2017-07-09)." };
    public static Option<string?> ToOption() => new("--to") { Description = "Only entries that can fall on or before this date." };
    public static Option<string[]> TypeOption() => new("--type")
    {
        Description = "Only these event types: PartyBanned, ConferenceHeld, InternetOutage, StatementMade (repeat or comma-separate).",
        AllowMultipleArgumentsPerToken = true,
    };
    public static Option<string?> AsOfOption() => new("--as-of")
    {
        Description = "The timeline as known after ingesting up to a log position (42) or an ingestion date (2020-09-18).",
    };
    public static Option<string> FormatOption() => new("--format")
    {
        Description = "table (for people), json or csv.",
        DefaultValueFactory = _ => "table",
    };

    public static TimelineFilter Filter(ParseResult parse, Option<string?> from, Option<string?> to, Option<string[]> type, Option<string?> asOf) => new()
    {
        From = parse.GetValue(from),
        To = parse.GetValue(to),
        Types = parse.GetValue(type) ?? [],
        AsOf = parse.GetValue(asOf),
        PageSize = TimelineRequestParsing.MaxPageSize,
    };

    /// <summary>Builds the services for one command: the store from --store, the read model under --data.</summary>
    public static async Task<ServiceProvider> Services(ParseResult parse, CancellationToken cancellationToken)
    {
        var data = GlobalOptions.DataDirectory(parse);
        var store = await EventStoreFactory.Open(GlobalOptions.StoreUri(parse), cancellationToken: cancellationToken);
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddTimelineMediator();
        services.AddTimelineProjections(data, ProjectionOptions.FromEnvironment());
        return services.BuildServiceProvider();
    }


    /// <summary>
    /// Runs a query command: brings the read model up to date with the store first (so a just-ingested article shows),
    /// then answers. Bad input exits 2, an unknown actor or country exits 1, each with a message on stderr.
    /// </summary>
    public static async Task<int> RunQuery(ParseResult parse, CancellationToken cancellationToken, Func<IServiceProvider, Task> answer)
    {
        var format = parse.GetValue(FormatOptionName(parse)) ?? "table";
        if (format is not ("table" or "json" or "csv"))
            return Fail($"--format must be table, json or csv, not '{format}'.", 2);
        try
        {
            await using var services = await Services(parse, cancellationToken);
            await services.GetRequiredService<ProjectionRunner>().EnsureUpToDate(cancellationToken);
            await answer(services);
            return 0;
        }
        catch (InvalidRequestException ex)
        {
            return Fail(ex.Message, 2);
        }
        catch (NotFoundException ex)
        {
            return Fail(ex.Message, 1);
        }
        catch (FormatException ex)
        {
            return Fail(ex.Message, 2);
        }
        catch (EventStoreUnavailableException ex)
        {
            return Fail(ex.Message, 3);
        }
    }

    private static Option<string> FormatOptionName(ParseResult parse) =>
        (Option<string>)parse.CommandResult.Command.Options.First(o => o.Name == "--format");

    public static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"timeline: {message}");
        return exitCode;
    }

    /// <summary>
    /// The CLI prints a whole timeline, so it follows the page tokens to the end; returns the last page's view with every
    /// page's entries.
    /// </summary>
    public static async Task<(TView Last, List<TimelineEntryView> Entries)> AllPages<TView>(
        Func<string?, Task<TView>> page, Func<TView, IReadOnlyList<TimelineEntryView>> entriesOf, Func<TView, string?> nextOf)
    {
        var view = await page(null);
        var entries = entriesOf(view).ToList();
        while (nextOf(view) is { } token)
        {
            view = await page(token);
            entries.AddRange(entriesOf(view));
        }
        return (view, entries);
    }
}
