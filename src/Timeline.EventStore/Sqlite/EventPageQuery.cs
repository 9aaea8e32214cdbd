using System.Text;
using Microsoft.Data.Sqlite;

namespace Timeline.EventStore.Sqlite;

/// <summary>
/// A prepared query that returns event rows (columns in <see cref="SqliteSchema.Columns"/> order), read a page at a time.
/// </summary>
/// <remarks>
/// This is the hot path of reading the log and catching up: ids and texts are read straight from SQLite's
/// buffers, and the stream and type strings that repeat from row to row are reused rather than allocated again.
/// Each page is read whole and the statement reset before the caller sees it, so no read transaction stays open
/// while the caller works (an open one would pin the WAL and stop checkpoints).
/// </remarks>
internal sealed class EventPageQuery(SqliteConnection connection, string sql) : IDisposable
{
    private readonly SqliteStatement _statement = new(connection, sql);
    private readonly RecentStrings _streams = new();
    private readonly RecentStrings _types = new();

    /// <summary>Binds the <paramref name="index"/>-th parameter (<c>?1</c>, <c>?2</c>, …).</summary>
    public void Bind(int index, long value) => _statement.Bind(index, value);

    public void Bind(int index, string value) => _statement.Bind(index, value);

    public void Fill(List<RecordedEvent> page)
    {
        page.Clear();
        try
        {
            while (_statement.Step())
                page.Add(ReadRow());
        }
        finally
        {
            _statement.Reset();
        }
    }

    private RecordedEvent ReadRow()
    {
        var s = _statement;
        return new RecordedEvent(
            Stream: _streams.Get(s.Bytes(1)),
            Revision: (ulong)s.Int64(2),
            Position: LogPosition.Of((ulong)s.Int64(0)),
            EventId: s.Guid(3),
            Type: _types.Get(s.Bytes(4)),
            Data: s.Bytes(5).ToArray(),
            Metadata: s.Bytes(6).ToArray(),
            Created: DateTimeOffset.FromUnixTimeMilliseconds(s.Int64(7)));
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
        private int _last;

        public string Get(ReadOnlySpan<byte> utf8)
        {
            // Most recent first: the common case is the same text as the row before.
            for (int n = 0, i = _last; n < Size; n++, i = (i + Size - 1) % Size)
                if (_bytes[i] is { } known && utf8.SequenceEqual(known))
                    return _strings[i];
            var text = Encoding.UTF8.GetString(utf8);
            _last = (_last + 1) % Size;
            _bytes[_last] = utf8.ToArray();
            _strings[_last] = text;
            return text;
        }
    }
}
