using Microsoft.Data.Sqlite;
using Timeline.Benchmarks.Harness;
using Timeline.EventStore.Sqlite;

namespace Timeline.Benchmarks.Store;

/// <summary>
/// The baseline: what plain Microsoft.Data.Sqlite does on a table equivalent to the store's <c>events</c> table,
/// with the same pragmas (WAL, the same synchronous mode), prepared statements and one transaction per batch — but no
/// stream bookkeeping, no concurrency check, no paging and no event objects.
/// </summary>
public static class RawSqlite
{
    private const string Table = """
        CREATE TABLE events (
            position  INTEGER PRIMARY KEY,
            stream    TEXT    NOT NULL,
            revision  INTEGER NOT NULL,
            event_id  BLOB    NOT NULL,
            type      TEXT    NOT NULL,
            data      BLOB    NOT NULL,
            metadata  BLOB    NOT NULL,
            created   INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX events_by_stream ON events (stream, revision);
        """;

    public static double Append(string path, SqliteSyncMode sync, int batch, int commits, SampleEvent sample)
    {
        using var connection = Open(path, sync);
        Execute(connection, Table);
        using var begin = Prepared(connection, "BEGIN IMMEDIATE");
        using var commit = Prepared(connection, "COMMIT");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO events (stream, revision, event_id, type, data, metadata, created) VALUES ($s, $r, $id, $t, $d, $m, $c)";
        var stream = insert.Parameters.Add("$s", SqliteType.Text);
        var revision = insert.Parameters.Add("$r", SqliteType.Integer);
        var id = insert.Parameters.Add("$id", SqliteType.Blob);
        insert.Parameters.AddWithValue("$t", sample.Type);
        insert.Parameters.AddWithValue("$d", sample.Data);
        insert.Parameters.AddWithValue("$m", sample.Metadata);
        var created = insert.Parameters.Add("$c", SqliteType.Integer);
        insert.Prepare();

        var clock = Measure.Start();
        for (var c = 0; c < commits; c++)
        {
            begin.ExecuteNonQuery();
            stream.Value = SampleEvent.Stream(c);
            created.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < batch; i++)
            {
                revision.Value = i;
                id.Value = Guid.NewGuid();
                insert.ExecuteNonQuery();
            }
            commit.ExecuteNonQuery();
        }
        return Measure.Rate((long)batch * commits, clock);
    }

    /// <summary>One query over the whole table, every column read into a value as a caller would need it.</summary>
    public static double ReadAll(string path)
    {
        using var connection = Open(path);
        var clock = Measure.Start();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT position, stream, revision, event_id, type, data, metadata, created FROM events ORDER BY position";
        using var reader = select.ExecuteReader();
        long count = 0, bytes = 0;
        while (reader.Read())
        {
            _ = reader.GetInt64(0);
            _ = reader.GetString(1);
            _ = reader.GetInt64(2);
            _ = reader.GetGuid(3);
            _ = reader.GetString(4);
            bytes += reader.GetFieldValue<byte[]>(5).Length;
            _ = reader.GetFieldValue<byte[]>(6);
            _ = reader.GetInt64(7);
            count++;
        }
        return bytes > 0 || count == 0 ? Measure.Rate(count, clock) : throw new InvalidOperationException("Read rows without data.");
    }

    private static SqliteConnection Open(string path, SqliteSyncMode sync = SqliteSyncMode.Full)
    {
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {sync.ToString().ToUpperInvariant()}; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    private static SqliteCommand Prepared(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
