namespace Timeline.EventStore;

/// <summary>
/// Which event store to use, as users write it: <c>sqlite:PATH</c> (the default, <c>sqlite:./data/timeline.db</c>),
/// <c>memory:</c> (tests), <c>esdb://…</c> / <c>esdb+discover://…</c> (EventStoreDB).
/// </summary>
public sealed record StoreUri(string Scheme, string Location)
{
    public const string EnvironmentVariable = "TIMELINE_STORE";

    public static StoreUri DefaultFor(string dataDirectory) => new("sqlite", Path.Combine(dataDirectory, "timeline.db"));

    public bool IsSqlite => Scheme == "sqlite";
    public bool IsMemory => Scheme == "memory";
    public bool IsEventStoreDb => Scheme is "esdb" or "esdb+discover";

    public static StoreUri Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new FormatException("The store URI is empty (expected sqlite:PATH, memory: or esdb://HOST:2113).");
        text = text.Trim();
        if (text.StartsWith("esdb://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("esdb+discover://", StringComparison.OrdinalIgnoreCase))
            return new StoreUri(text[..text.IndexOf(':')].ToLowerInvariant(), text);
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal)) path = path[2..];
            if (path.Length == 0)
                throw new FormatException("sqlite: needs a file path, e.g. sqlite:./data/timeline.db.");
            return new StoreUri("sqlite", path);
        }
        if (text.Equals("memory:", StringComparison.OrdinalIgnoreCase) || text.Equals("memory", StringComparison.OrdinalIgnoreCase))
            return new StoreUri("memory", "");
        throw new FormatException($"'{text}' is not a store URI; use sqlite:PATH, memory: or esdb://HOST:2113?tls=false.");
    }

    public override string ToString() => IsEventStoreDb ? Location : $"{Scheme}:{Location}";
}
