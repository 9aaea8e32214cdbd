using System.CommandLine;
using Spectre.Console;

namespace Timeline.Cli.Output;

/// <summary>
/// Where a command writes: the invocation's writers (tests swap them), with Spectre.Console rendering only when a person
/// watches a terminal; redirected output gets plain lines that scripts and logs can read.
/// </summary>
public sealed class CliConsole
{
    public TextWriter Out { get; }
    public TextWriter Error { get; }
    /// <summary>True when output goes to a terminal: progress bars and colour are welcome.</summary>
    public bool Interactive { get; }
    public IAnsiConsole Ansi { get; }

    public CliConsole(ParseResult parse)
    {
        Out = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
        Interactive = ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;
        Ansi = Interactive
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Out),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
        if (!Interactive) Ansi.Profile.Width = 200;
    }

    /// <summary>A usage error: message on stderr, exit code 2.</summary>
    public int Usage(string message)
    {
        Error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }
}

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
