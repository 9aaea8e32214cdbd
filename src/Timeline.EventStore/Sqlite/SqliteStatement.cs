using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Timeline.EventStore.Sqlite;

/// <summary>
/// One prepared SQLite statement on a Microsoft.Data.Sqlite connection, driven through the raw API underneath it.
/// Used on the hot paths (appends, log pages) because it binds spans and reads columns in place: no reader
/// object per execution and no byte arrays for ids. Parameters are positional (<c>?1</c>, <c>?2</c>, …) and keep
/// their values across executions until bound again.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public void BindText(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    public void Bind(int index, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        Check(raw.sqlite3_bind_blob(_statement, index, bytes));
    }

    public void BindBlob(int index, ReadOnlySpan<byte> value) =>
        // An empty span has no address, which SQLite would bind as NULL; a zero-length blob is what was meant.
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_statement, index, 0) : raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Advances to the next row: true for a row, false when done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        Check(rc);
        return false;
    }

    /// <summary>Ends the current execution, releasing its read or write lock; bindings are kept.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public void Execute()
    {
        try
        {
            while (Step()) { }
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>The first column of the first row, or null when there is no row or the value is NULL.</summary>
    public long? ScalarInt64()
    {
        try
        {
            return Step() && raw.sqlite3_column_type(_statement, 0) != raw.SQLITE_NULL ? raw.sqlite3_column_int64(_statement, 0) : null;
        }
        finally
        {
            Reset();
        }
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>The column's bytes in SQLite's own buffer: valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> Bytes(int column) => raw.sqlite3_column_blob(_statement, column);

    public Guid Guid(int column) => new(raw.sqlite3_column_blob(_statement, column));

    /// <summary>The rowid of the last row this connection inserted.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    private void Check(int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE) return;
        throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc);
    }

    public void Dispose() => _statement.Dispose();
}
