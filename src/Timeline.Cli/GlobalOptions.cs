using System.CommandLine;
using Timeline.EventStore;

namespace Timeline.Cli;

/// <summary>Options every command understands: where the events are and where local state lives.</summary>
public static class GlobalOptions
{
    public const string DataEnvironmentVariable = "TIMELINE_DATA";

    public static readonly Option<string?> Store = new("--store")
    {
        Description = "Event store URI: sqlite:PATH (default sqlite:DATA/timeline.db), esdb://HOST:2113?tls=false. Env: TIMELINE_STORE.",
        Recursive = true,
    };

    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Folder for local state (embedded store, read models). Default ./data. Env: TIMELINE_DATA.",
        Recursive = true,
    };

    public static string DataDirectory(ParseResult parse) =>
        parse.GetValue(Data) ?? Environment.GetEnvironmentVariable(DataEnvironmentVariable) ?? "data";

    public static StoreUri StoreUri(ParseResult parse)
    {
        var text = parse.GetValue(Store) ?? Environment.GetEnvironmentVariable(Timeline.EventStore.StoreUri.EnvironmentVariable);
        return string.IsNullOrWhiteSpace(text)
            ? Timeline.EventStore.StoreUri.DefaultFor(DataDirectory(parse))
            : Timeline.EventStore.StoreUri.Parse(text);
    }
}
