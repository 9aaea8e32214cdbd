using System.CommandLine;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Application.Timelines;
using Timeline.Cli.Output;

namespace Timeline.Cli.Commands;

/// <summary><c>timeline country CODE</c>: a country's timeline.</summary>
public static class CountryCommand
{
    public static Command Create()
    {
        var country = new Argument<string>("CODE") { Description = "An ISO 3166-1 alpha-2 code (TJ) or an English country name." };
        var from = TimelineCommandSupport.FromOption();
        var to = TimelineCommandSupport.ToOption();
        var type = TimelineCommandSupport.TypeOption();
        var asOf = TimelineCommandSupport.AsOfOption();
        var format = TimelineCommandSupport.FormatOption();
        var command = new Command("country", "Show a country's timeline.") { country, from, to, type, asOf, format };
        command.SetAction((parse, cancellationToken) => TimelineCommandSupport.RunQuery(parse, cancellationToken, async services =>
        {
            var mediator = services.GetRequiredService<IMediator>();
            var filter = TimelineCommandSupport.Filter(parse, from, to, type, asOf);
            var subject = parse.GetValue(country) ?? "";
            var (view, entries) = await TimelineCommandSupport.AllPages(
                token => mediator.Send(new GetCountryTimeline(subject, filter with { PageToken = token }), cancellationToken),
                v => v.Entries, v => v.NextPageToken);
            TimelineRendering.CountryTimeline(new CliConsole(parse), view with { Entries = entries, NextPageToken = null }, parse.GetValue(format)!);
        }));
        return command;
    }
}
