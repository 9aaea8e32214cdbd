using System.CommandLine;
using Timeline.Cli;

// Each command lives in Commands/<Name>Command.cs and adds itself here.
var root = new RootCommand("Timeline: news articles in, event-sourced timelines of actors and countries out.");
root.Options.Add(GlobalOptions.Store);
root.Options.Add(GlobalOptions.Data);
root.Subcommands.Add(Timeline.Cli.Commands.ServeCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.SubscribeCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.ActorCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.CountryCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.ActorsCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.ReplayCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.IngestCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.EventsCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // A usage error is exit code 2 for every command (1 means the work itself failed), as scripts expect.
    foreach (var error in parse.Errors) Console.Error.WriteLine($"timeline: {error.Message}");
    Console.Error.WriteLine("Try 'timeline --help'.");
    return 2;
}
return await parse.InvokeAsync();
