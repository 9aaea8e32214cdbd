using System.CommandLine;
using Timeline.Cli;
using Timeline.Cli.Commands;

namespace Timeline.Ingestion.Tests.Support;

/// <summary>Runs the real CLI commands in process, with their output captured.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error);

    public static async Task<Run> Invoke(params string[] args)
    {
        var root = new RootCommand("timeline (test)");
        root.Options.Add(GlobalOptions.Store);
        root.Options.Add(GlobalOptions.Data);
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(EventsCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new Run(code, output.ToString(), error.ToString());
    }
}
