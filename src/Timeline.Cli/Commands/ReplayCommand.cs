using System.CommandLine;
using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Timeline.Application;
using Timeline.Application.Projections;
using Timeline.Cli.Output;
using Timeline.EventStore;

namespace Timeline.Cli.Commands;

/// <summary><c>timeline replay [PROJECTION]</c>: rebuild the read model beside the live one, with a progress bar.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var projection = new Argument<string?>("PROJECTION")
        {
            Description = "ActorTimeline, CountryTimeline or ActorDirectory (they share one read model, rebuilt together); default all.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("replay", "Rebuild projections from the event log; queries keep working until the new read model is swapped in.") { projection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var services = await TimelineCommandSupport.Services(parse, cancellationToken);
                var mediator = services.GetRequiredService<IMediator>();
                ReplayResult? result = null;
                if (AnsiConsole.Profile.Capabilities.Interactive)
                {
                    await AnsiConsole.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                        .StartAsync(async context =>
                        {
                            var task = context.AddTask("replaying", maxValue: 1);
                            var progress = new Reporter(p =>
                            {
                                task.MaxValue = Math.Max(1, p.EventsTotal);
                                // Reading counts log positions; folding (a key-by-key rebuild's second pass) counts reports.
                                task.Value = Math.Min(task.MaxValue, p.State == "folding" ? p.EventsProcessed : ParsePosition(p.Position));
                                task.Description = Describe(p);
                            });
                            result = await mediator.Send(new ReplayProjections(parse.GetValue(projection), progress), cancellationToken);
                            task.Value = task.MaxValue;
                        });
                }
                else
                {
                    var last = DateTime.MinValue;
                    var progress = new Reporter(p =>
                    {
                        if (DateTime.UtcNow - last < TimeSpan.FromSeconds(1) && p.State != "swapped") return;
                        last = DateTime.UtcNow;
                        Console.Error.WriteLine(Describe(p));
                    });
                    result = await mediator.Send(new ReplayProjections(parse.GetValue(projection), progress), cancellationToken);
                }
                var seconds = Math.Max(result!.Elapsed.TotalSeconds, 1e-3);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Replayed {string.Join(", ", result.Projections)}: {result.EventsProcessed:N0} events to position {result.Position} in {result.Elapsed.TotalSeconds:0.0} s ({result.EventsProcessed / seconds:N0} events/s)."));
                return 0;
            }
            catch (InvalidRequestException ex)
            {
                return TimelineCommandSupport.Fail(ex.Message, 2);
            }
            catch (EventStoreUnavailableException ex)
            {
                return TimelineCommandSupport.Fail(ex.Message, 3);
            }
        });
        return command;
    }

    private static double ParsePosition(string position) =>
        LogPosition.TryParse(position, out var p) ? p.Commit : 0;

    private static string Describe(ReplayProgress p)
    {
        var eta = p.Eta is { } left ? left.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
        return p.State switch
        {
            "folding" => string.Create(CultureInfo.InvariantCulture, $"folding {p.EventsProcessed:N0}/{p.EventsTotal:N0} reports · {p.EventsPerSecond:N0} reports/s · ETA {eta}"),
            "indexing" => string.Create(CultureInfo.InvariantCulture, $"indexing the new read model ({p.EventsProcessed:N0} events applied)"),
            "swapped" => string.Create(CultureInfo.InvariantCulture, $"swapped in the new read model at {p.Position}/{p.Head}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{p.State} {p.Position}/{p.Head} · {p.EventsPerSecond:N0} events/s · ETA {eta}"),
        };
    }

    /// <summary>Reports on the replay's own thread; Spectre's task is safe to update from there.</summary>
    private sealed class Reporter(Action<ReplayProgress> report) : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value) => report(value);
    }
}
