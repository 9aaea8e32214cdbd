using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Timeline.EventStore;

namespace Timeline.Projections.ReadModel;

/// <summary>Which store a read model was built from: a checkpoint only means something against that store.</summary>
public sealed record StoreIdentity(string Description, string? FirstEventId, string? FirstPosition);

/// <summary>What a generation records about itself (its meta table).</summary>
public sealed record GenerationInfo(
    string Name,
    string StoreDescription,
    string? FirstEventId,
    string? FirstPosition,
    IReadOnlyDictionary<string, int> Versions,
    LogPosition? Checkpoint,
    string? CheckpointEventId,
    long EventsProcessed);

/// <summary>
/// The read-model file (<c>DATA/readmodels.db</c>). It holds generations of the read model (tables prefixed
/// <c>g1_</c>, <c>g2_</c>, …) and a control table naming the one queries read (<c>current</c>) and the one a replay
/// is building (<c>replaying</c>). A swap is one update of the control table, so it is atomic for every reader,
/// in this process or another; each query reads the control row and its tables in one read transaction.
/// </summary>
public sealed class ReadModelDatabase
{
    public const string FileName = "readmodels.db";

    private readonly string _connectionString;

    public ReadModelDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder)) System.IO.Directory.CreateDirectory(folder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Writers from several processes (CLI and server) wait for each other instead of failing.
            DefaultTimeout = 120,
        }.ToString();
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS control (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
    }

    public static ReadModelDatabase InDataDirectory(string dataDirectory) => new(System.IO.Path.Combine(dataDirectory, FileName));

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384;");
        return connection;
    }

    /// <summary>A write transaction that takes the write lock at once, so read-then-write decisions stay valid.</summary>
    public static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    public static string? GetControl(SqliteConnection c, SqliteTransaction? tx, string key) =>
        Scalar(c, tx, "SELECT value FROM control WHERE key = $k", ("$k", key)) as string;

    public static void SetControl(SqliteConnection c, SqliteTransaction tx, string key, string? value)
    {
        if (value is null) Execute(c, tx, "DELETE FROM control WHERE key = $k", ("$k", key));
        else Execute(c, tx, "INSERT INTO control(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ("$k", key), ("$v", value));
    }

    public static string? Current(SqliteConnection c, SqliteTransaction? tx) => GetControl(c, tx, "current");
    public static string? Replaying(SqliteConnection c, SqliteTransaction? tx) => GetControl(c, tx, "replaying");

    /// <summary>Creates the tables of a new, empty generation and returns its name.</summary>
    /// <param name="deferIndexes">
    /// For a replay: the secondary indexes of the entries are left out while the generation is bulk-loaded (nobody
    /// queries it before the swap, and the replay finds candidates in its <see cref="ReplayState"/>) and built by
    /// <see cref="CreateDeferredIndexes"/> just before the swap: one sort instead of a random B-tree insert per row.
    /// </param>
    public static string CreateGeneration(SqliteConnection c, SqliteTransaction tx, StoreIdentity store, IReadOnlyDictionary<string, int> versions,
        bool deferIndexes = false)
    {
        var next = long.Parse(GetControl(c, tx, "next_generation") ?? "1", CultureInfo.InvariantCulture);
        SetControl(c, tx, "next_generation", (next + 1).ToString(CultureInfo.InvariantCulture));
        var g = "g" + next.ToString(CultureInfo.InvariantCulture);
        Execute(c, tx, $"""
            CREATE TABLE {g}_meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE {g}_entries (
                entry_id TEXT NOT NULL, kh INTEGER NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL, country TEXT NOT NULL,
                lo INTEGER NOT NULL, hi INTEGER NOT NULL, ap INTEGER NOT NULL, pr INTEGER NOT NULL,
                fp INTEGER NOT NULL, fi INTEGER NOT NULL, slo INTEGER NOT NULL, shi INTEGER NOT NULL, data TEXT NOT NULL);
            CREATE TABLE {g}_entry_actors (actor_id TEXT NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (actor_id, entry)) WITHOUT ROWID;
            CREATE TABLE {g}_actors (actor_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, event_count INTEGER NOT NULL, data TEXT NOT NULL);
            CREATE TABLE {g}_actor_names (name_key TEXT NOT NULL, actor_id TEXT NOT NULL, PRIMARY KEY (name_key, actor_id)) WITHOUT ROWID;
            CREATE TABLE {g}_articles (article_id TEXT PRIMARY KEY, position INTEGER NOT NULL, ingested_at INTEGER NOT NULL);
            """);
        if (!deferIndexes) CreateDeferredIndexes(c, tx, g);
        SetMeta(c, tx, g, "store", store.Description);
        SetMeta(c, tx, g, "first_event", store.FirstEventId);
        SetMeta(c, tx, g, "first_position", store.FirstPosition);
        SetMeta(c, tx, g, "versions", JsonSerializer.Serialize(versions));
        SetMeta(c, tx, g, "events_processed", "0");
        return g;
    }

    /// <summary>
    /// The indexes a replay builds last: the corroboration key index (the live writer's candidate lookup and as-of
    /// queries) and the country index. Idempotent, so a resumed replay may call it again.
    /// </summary>
    public static void CreateDeferredIndexes(SqliteConnection c, SqliteTransaction tx, string g) =>
        Execute(c, tx, $"""
            CREATE INDEX IF NOT EXISTS {g}_entries_key ON {g}_entries(kh, slo);
            CREATE INDEX IF NOT EXISTS {g}_entries_country ON {g}_entries(country, lo);
            """);

    public static void DropGeneration(SqliteConnection c, SqliteTransaction tx, string g)
    {
        foreach (var table in new[] { "meta", "entries", "entry_actors", "actors", "actor_names", "articles" })
            Execute(c, tx, $"DROP TABLE IF EXISTS {g}_{table};");
    }

    public static bool GenerationExists(SqliteConnection c, SqliteTransaction? tx, string g) =>
        Scalar(c, tx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $n", ("$n", g + "_meta")) is long n && n > 0;

    public static GenerationInfo ReadInfo(SqliteConnection c, SqliteTransaction? tx, string g)
    {
        var meta = new Dictionary<string, string?>(StringComparer.Ordinal);
        using (var cmd = Command(c, tx, $"SELECT key, value FROM {g}_meta"))
        using (var reader = cmd.ExecuteReader())
            while (reader.Read()) meta[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        var versions = meta.GetValueOrDefault("versions") is { } v
            ? JsonSerializer.Deserialize<Dictionary<string, int>>(v) ?? []
            : [];
        return new GenerationInfo(
            g,
            meta.GetValueOrDefault("store") ?? "",
            meta.GetValueOrDefault("first_event"),
            meta.GetValueOrDefault("first_position"),
            versions,
            meta.GetValueOrDefault("checkpoint") is { } cp ? LogPosition.Parse(cp) : null,
            meta.GetValueOrDefault("checkpoint_event"),
            long.Parse(meta.GetValueOrDefault("events_processed") ?? "0", CultureInfo.InvariantCulture));
    }

    public static void SetMeta(SqliteConnection c, SqliteTransaction tx, string g, string key, string? value) =>
        Execute(c, tx, $"INSERT INTO {g}_meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$k", key), ("$v", value));

    /// <summary>
    /// A stable 64-bit hash (FNV-1a) of a corroboration key: the key index holds integers, not long strings, which
    /// keeps replay's index inserts cheap. Collisions only widen a lookup; callers compare the key itself.
    /// </summary>
    public static long KeyHash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    internal static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    internal static int Execute(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    internal static object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        var value = cmd.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}
