using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Timeline.EventStore.Sqlite;

/// <summary>
/// A prepared query that returns event rows (columns in <see cref="SqliteSchema.Columns"/> order), read a page at a time.
/// </summary>
/// <remarks>
/// This is the hot path of reading the log and catching up, so it talks to SQLite through the raw statement API
/// that Microsoft.Data.Sqlite itself sits on: it reads ids and texts straight from SQLite's buffers, with no
/// intermediate byte arrays, and reuses the stream and type strings that repeat from row to row.
/// Each page is read whole and the statement reset before the caller sees it, so no read transaction stays open
/// while the caller works (an open one would pin the WAL and stop checkpoints).
/// </remarks>
internal sealed class EventPageQuery : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly RecentStrings _streams = new();
    private readonly RecentStrings _types = new();

    public EventPageQuery(SqliteConnection connection, string sql)
    {
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
    }

    /// <summary>Binds the <paramref name="index"/>-th parameter (1-based, in order of appearance in the SQL).</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public void Fill(List<RecordedEvent> page)
    {
        page.Clear();
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
                page.Add(ReadRow());
            if (rc != raw.SQLITE_DONE) Check(rc);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private RecordedEvent ReadRow()
    {
        var s = _statement;
        return new RecordedEvent(
            Stream: _streams.Get(raw.sqlite3_column_blob(s, 1)),
            Revision: (ulong)raw.sqlite3_column_int64(s, 2),
            Position: LogPosition.Of((ulong)raw.sqlite3_column_int64(s, 0)),
            EventId: new Guid(raw.sqlite3_column_blob(s, 3)),
            Type: _types.Get(raw.sqlite3_column_blob(s, 4)),
            Data: raw.sqlite3_column_blob(s, 5).ToArray(),
            Metadata: raw.sqlite3_column_blob(s, 6).ToArray(),
            Created: DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(s, 7)));
    }

    private void Check(int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE) return;
        throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}'.", rc);
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>The rowid a log position stands for; positions beyond the rowid range (e.g. <see cref="LogPosition.End"/>) clamp.</summary>
    public static long RowIdOf(LogPosition position) => position.Commit > long.MaxValue ? long.MaxValue : (long)position.Commit;

    /// <summary>
    /// The last few distinct UTF-8 texts and their strings: consecutive rows mostly share a stream (a batch)
    /// and a handful of event types, so most rows allocate no string at all.
    /// </summary>
    private sealed class RecentStrings
    {
        private const int Size = 8;
        private readonly byte[][] _bytes = new byte[Size][];
        private readonly string[] _strings = new string[Size];
        private int _next;

        public string Get(ReadOnlySpan<byte> utf8)
        {
            for (var i = 0; i < Size; i++)
                if (_bytes[i] is { } known && utf8.SequenceEqual(known))
                    return _strings[i];
            var text = Encoding.UTF8.GetString(utf8);
            _bytes[_next] = utf8.ToArray();
            _strings[_next] = text;
            _next = (_next + 1) % Size;
            return text;
        }
    }
}
