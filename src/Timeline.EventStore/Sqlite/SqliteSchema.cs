using Microsoft.Data.Sqlite;

namespace Timeline.EventStore.Sqlite;

/// <summary>The tables of the embedded store and the connection settings every connection gets.</summary>
/// <remarks>
/// <c>events.position</c> is the rowid: writers are serialized by <c>BEGIN IMMEDIATE</c>, so positions are
/// handed out and committed in the same order and a reader never sees position N+1 before N.
/// The stream name is kept on every row (not an id into <c>streams</c>) so reading <c>$all</c> needs no join.
/// </remarks>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Columns = "position, stream, revision, event_id, type, data, metadata, created";

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS events (
            position  INTEGER PRIMARY KEY,
            stream    TEXT    NOT NULL,
            revision  INTEGER NOT NULL,
            event_id  BLOB    NOT NULL,
            type      TEXT    NOT NULL,
            data      BLOB    NOT NULL,
            metadata  BLOB    NOT NULL,
            created   INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream, revision);
        CREATE TABLE IF NOT EXISTS streams (
            name           TEXT    PRIMARY KEY,
            last_revision  INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Per-connection settings: how long to wait for other writers, and how hard to sync.</summary>
    public static void Configure(SqliteConnection connection, SqliteStoreOptions options)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; " +
            $"PRAGMA synchronous = {(options.Sync == SqliteSyncMode.Full ? "FULL" : "NORMAL")};";
        command.ExecuteNonQuery();
    }

    /// <summary>Turns on WAL (a property of the file) and creates the tables; safe when several processes open a new file at once.</summary>
    public static void Ensure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new EventStoreUnavailableException($"SQLite file '{connection.DataSource}' cannot use WAL mode (got '{mode}').");

        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Version)
            throw new EventStoreUnavailableException(
                $"SQLite file '{connection.DataSource}' has schema version {version}; this build reads up to {Version}.");
        if (version == Version) return;

        command.CommandText = "BEGIN IMMEDIATE;";
        command.ExecuteNonQuery();
        try
        {
            command.CommandText = CreateTables + $"PRAGMA user_version = {Version};";
            command.ExecuteNonQuery();
            command.CommandText = "COMMIT;";
            command.ExecuteNonQuery();
        }
        catch
        {
            command.CommandText = "ROLLBACK;";
            command.ExecuteNonQuery();
            throw;
        }
    }
}
