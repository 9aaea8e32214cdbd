using System.CommandLine;
using Timeline.Cli;

// Each command lives in Commands/<Name>Command.cs and adds itself here.
var root = new RootCommand("Timeline: news articles in, event-sourced timelines of actors and countries out.");
root.Options.Add(GlobalOptions.Store);
root.Options.Add(GlobalOptions.Data);
root.Subcommands.Add(Timeline.Cli.Commands.IngestCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.EventsCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.ActorCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.CountryCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.ActorsCommand.Create());
root.Subcommands.Add(Timeline.Cli.Commands.ReplayCommand.Create());

return await root.Parse(args).InvokeAsync();
