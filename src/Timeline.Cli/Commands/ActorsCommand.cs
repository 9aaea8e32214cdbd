using System.CommandLine;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Application.Timelines;
using Timeline.Cli.Output;

namespace Timeline.Cli.Commands;

/// <summary><c>timeline actors [--search TEXT]</c>: the actor directory.</summary>
public static class ActorsCommand
{
    public static Command Create()
    {
        var search = new Option<string?>("--search") { Description = "Actors whose id, name, alias or acronym starts with this text." };
        var limit = new Option<int>("--limit") { Description = "At most this many actors (most events first).", DefaultValueFactory = _ => 200 };
        var format = TimelineCommandSupport.FormatOption();
        var command = new Command("actors", "List known actors with their aliases, kinds, event counts and first/last dates.") { search, limit, format };
        command.SetAction((parse, cancellationToken) => TimelineCommandSupport.RunQuery(parse, cancellationToken, async services =>
        {
            var actors = await services.GetRequiredService<IMediator>().Send(new FindActors(parse.GetValue(search), parse.GetValue(limit)), cancellationToken);
            TimelineRendering.Directory(new CliConsole(parse), actors, parse.GetValue(format)!);
        }));
        return command;
    }
}
