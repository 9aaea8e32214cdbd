using System.Globalization;

namespace Timeline.EventStore.Sqlite;

/// <summary>How commits reach the disk. <see cref="Full"/> survives power loss; <see cref="Normal"/> survives a process crash only.</summary>
public enum SqliteSyncMode { Full, Normal }

/// <summary>Options of the embedded SQLite store; the defaults are what production wants.</summary>
public sealed record SqliteStoreOptions
{
    public static SqliteStoreOptions Default { get; } = new();

    public EventStoreLimits Limits { get; init; } = EventStoreLimits.Default;

    /// <summary><c>synchronous=FULL</c> by default: every acknowledged append is on disk.</summary>
    public SqliteSyncMode Sync { get; init; } = SqliteSyncMode.Full;

    /// <summary>How long a writer waits for another writer (thread or process) to release the file before giving up.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a live subscription looks for events appended by other processes (its own process wakes it at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Rows fetched per query when reading the log; reading stays memory-flat however long the log is.</summary>
    public int PageSize { get; init; } = 2048;

    /// <summary>
    /// Splits a store location as written after <c>sqlite:</c> into the file path and options:
    /// <c>./data/timeline.db</c>, <c>./data/timeline.db?sync=normal</c>.
    /// </summary>
    public static (string Path, SqliteStoreOptions Options) ParseLocation(string location, SqliteStoreOptions? defaults = null)
    {
        var options = defaults ?? Default;
        var q = location.IndexOf('?');
        if (q < 0) return (location, options);
        var path = location[..q];
        foreach (var pair in location[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            options = key.ToLowerInvariant() switch
            {
                "sync" => options with
                {
                    Sync = value.ToLowerInvariant() switch
                    {
                        "full" => SqliteSyncMode.Full,
                        "normal" => SqliteSyncMode.Normal,
                        _ => throw new FormatException($"sqlite option sync={value} is not known; use sync=full or sync=normal."),
                    },
                },
                "busy_timeout_ms" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) =>
                    options with { BusyTimeout = TimeSpan.FromMilliseconds(ms) },
                _ => throw new FormatException($"sqlite option '{pair}' is not known; known: sync=full|normal, busy_timeout_ms=N."),
            };
        }
        return (path, options);
    }
}
