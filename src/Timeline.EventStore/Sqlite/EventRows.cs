using Microsoft.Data.Sqlite;

namespace Timeline.EventStore.Sqlite;

/// <summary>Reading pages of event rows (columns in <see cref="SqliteSchema.Columns"/> order) into recorded events.</summary>
internal static class EventRows
{
    /// <summary>
    /// Runs the query and buffers the whole page, so no read transaction stays open while the caller
    /// consumes it (an open reader would pin the WAL and stop checkpoints).
    /// </summary>
    public static void Fill(SqliteCommand command, List<RecordedEvent> page)
    {
        page.Clear();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            page.Add(Read(reader));
    }

    private static RecordedEvent Read(SqliteDataReader r) => new(
        Stream: r.GetString(1),
        Revision: (ulong)r.GetInt64(2),
        Position: LogPosition.Of((ulong)r.GetInt64(0)),
        EventId: r.GetGuid(3),
        Type: r.GetString(4),
        Data: r.GetFieldValue<byte[]>(5),
        Metadata: r.GetFieldValue<byte[]>(6),
        Created: DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)));

    /// <summary>The rowid a log position stands for; positions beyond the rowid range (e.g. <see cref="LogPosition.End"/>) clamp.</summary>
    public static long RowIdOf(LogPosition position) => position.Commit > long.MaxValue ? long.MaxValue : (long)position.Commit;
}
