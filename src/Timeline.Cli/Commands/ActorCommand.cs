using System.CommandLine;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Application.Timelines;
using Timeline.Cli.Output;

namespace Timeline.Cli.Commands;

/// <summary><c>timeline actor NAME-OR-ID</c>: an actor's timeline.</summary>
public static class ActorCommand
{
    public static Command Create()
    {
        var actor = new Argument<string>("NAME-OR-ID") { Description = "An actor id (irpt), name (Muhiddin Kabiri), alias or acronym." };
        var from = TimelineCommandSupport.FromOption();
        var to = TimelineCommandSupport.ToOption();
        var type = TimelineCommandSupport.TypeOption();
        var asOf = TimelineCommandSupport.AsOfOption();
        var format = TimelineCommandSupport.FormatOption();
        var command = new Command("actor", "Show an actor's timeline: every event it took part in, with sources.") { actor, from, to, type, asOf, format };
        command.SetAction((parse, cancellationToken) => TimelineCommandSupport.RunQuery(parse, cancellationToken, async services =>
        {
            var mediator = services.GetRequiredService<IMediator>();
            var filter = TimelineCommandSupport.Filter(parse, from, to, type, asOf);
            var subject = parse.GetValue(actor) ?? "";
            var (view, entries) = await TimelineCommandSupport.AllPages(
                token => mediator.Send(new GetActorTimeline(subject, filter with { PageToken = token }), cancellationToken),
                v => v.Entries, v => v.NextPageToken);
            TimelineRendering.ActorTimeline(new CliConsole(parse), view with { Entries = entries, NextPageToken = null }, parse.GetValue(format)!);
        }));
        return command;
    }
}
