using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Timeline.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends are one <c>BEGIN IMMEDIATE</c> transaction each,
/// so writers in several threads and several processes on one file take turns (waiting up to the busy timeout),
/// and an acknowledged append is on disk (<c>synchronous=FULL</c>).
/// </summary>
/// <remarks>
/// One writer connection per store, with its statements prepared once, serialized by a semaphore; every read
/// and subscription uses its own pooled connection. Subscriptions are woken at once by appends through this
/// instance and poll for appends by other processes (or other instances) every <see cref="SqliteStoreOptions.PollInterval"/>.
/// </remarks>
public sealed class SqliteEventStore : IEventStore
{
    private readonly string _path;
    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Writer _writer;
    private readonly string _busyTimeoutPragma;
    private TaskCompletionSource _appended = NewSignal();

    private SqliteEventStore(string path, SqliteStoreOptions options)
    {
        _path = path;
        _options = options;
        _connectionString = SqliteSchema.ConnectionString(path);
        _busyTimeoutPragma = $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}";
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            SqliteSchema.Configure(connection, options);
            SqliteSchema.Ensure(connection);
            _writer = new Writer(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens (creating the file and its folder if missing) the store at <paramref name="path"/>.</summary>
    public static SqliteEventStore Open(string path, SqliteStoreOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new EventStoreUnavailableException("The SQLite store needs a file path, e.g. sqlite:./data/timeline.db.");
        try
        {
            var full = Path.GetFullPath(path);
            if (Path.GetDirectoryName(full) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
            return new SqliteEventStore(path, options ?? SqliteStoreOptions.Default);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new EventStoreUnavailableException($"Cannot open the SQLite event store '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Opens the store a <c>sqlite:</c> location names, options included (<c>./data/timeline.db?sync=normal</c>).</summary>
    public static SqliteEventStore OpenLocation(string location, SqliteStoreOptions? defaults = null)
    {
        var (path, options) = SqliteStoreOptions.ParseLocation(location, defaults);
        return Open(path, options);
    }

    public string Description => $"sqlite:{_path}";

    public async Task<AppendResult> AppendToStream(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events,
        CancellationToken cancellationToken = default)
    {
        AppendRules.Validate(stream, events, _options.Limits);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        AppendResult result;
        bool wrote;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            cancellationToken.ThrowIfCancellationRequested();
            (result, wrote) = _writer.Append(stream, expected, events);
        }
        catch (SqliteException ex)
        {
            throw new EventStoreUnavailableException($"Append to '{stream}' in {Description} failed: {ex.Message}", ex);
        }
        finally
        {
            _writeLock.Release();
        }
        if (wrote) Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
        return result;
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStream(string stream, ReadDirection direction, ulong? fromRevision = null,
        long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AppendRules.ValidateStreamName(stream, _options.Limits);
        if (maxCount <= 0) yield break;
        var forwards = direction == ReadDirection.Forwards;
        using var connection = OpenReader();
        using var query = new EventPageQuery(connection, forwards
            ? $"SELECT {SqliteSchema.Columns} FROM events WHERE stream = ?1 AND revision >= ?2 ORDER BY revision LIMIT ?3"
            : $"SELECT {SqliteSchema.Columns} FROM events WHERE stream = ?1 AND revision <= ?2 ORDER BY revision DESC LIMIT ?3");
        query.Bind(1, stream);

        var cursor = fromRevision is { } r ? (r > long.MaxValue ? long.MaxValue : (long)r) : forwards ? 0 : long.MaxValue;
        var remaining = maxCount;
        var page = new List<RecordedEvent>(PageSizeFor(remaining));
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            query.Bind(2, cursor);
            query.Bind(3, PageSizeFor(remaining));
            query.Fill(page);
            foreach (var e in page) yield return e;
            if (page.Count < PageSizeFor(remaining)) yield break;
            remaining -= page.Count;
            cursor = forwards ? (long)page[^1].Revision + 1 : (long)page[^1].Revision - 1;
            if (cursor < 0) yield break;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAll(ReadDirection direction, LogPosition from, long maxCount = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (maxCount <= 0) yield break;
        var forwards = direction == ReadDirection.Forwards;
        using var connection = OpenReader();
        using var query = new EventPageQuery(connection, forwards
            ? $"SELECT {SqliteSchema.Columns} FROM events WHERE position >= ?1 ORDER BY position LIMIT ?2"
            : $"SELECT {SqliteSchema.Columns} FROM events WHERE position <= ?1 ORDER BY position DESC LIMIT ?2");

        var cursor = EventPageQuery.RowIdOf(from);
        var remaining = maxCount;
        var page = new List<RecordedEvent>(PageSizeFor(remaining));
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            query.Bind(1, cursor);
            query.Bind(2, PageSizeFor(remaining));
            query.Fill(page);
            foreach (var e in page) yield return e;
            if (page.Count < PageSizeFor(remaining)) yield break;
            remaining -= page.Count;
            var last = EventPageQuery.RowIdOf(page[^1].Position);
            cursor = forwards ? last + 1 : last - 1;
            if (cursor < 1 && !forwards) yield break;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<StreamState> GetStreamState(string stream, CancellationToken cancellationToken = default)
    {
        AppendRules.ValidateStreamName(stream, _options.Limits);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_revision FROM streams WHERE name = $stream";
        command.Parameters.AddWithValue("$stream", stream);
        return Task.FromResult(command.ExecuteScalar() is long last ? new StreamState((ulong)last) : StreamState.NoStream);
    }

    public Task<LogPosition?> GetHeadPosition(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        var head = HeadOf(connection);
        return Task.FromResult<LogPosition?>(head == 0 ? null : LogPosition.Of((ulong)head));
    }

    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAll(SubscriptionStart start, SubscriptionFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var token = linked.Token;
        using var connection = OpenReader();
        using var query = new EventPageQuery(connection, $"SELECT {SqliteSchema.Columns} FROM events WHERE position > ?1 ORDER BY position LIMIT ?2");
        query.Bind(2, _options.PageSize);

        // The rowid of the last event looked at; the next query asks for everything after it, in history and
        // live alike, which is what makes the hand-over free of gaps and duplicates.
        var after = start.FromEnd ? HeadOf(connection) : start.After is { } p ? EventPageQuery.RowIdOf(p) : 0;
        var page = new List<RecordedEvent>(_options.PageSize);
        var caughtUp = false;
        var skipped = 0;
        while (!token.IsCancellationRequested)
        {
            // Taken before the query: an append that commits after the query completes this very signal.
            var appended = Volatile.Read(ref _appended).Task;
            query.Bind(1, after);
            query.Fill(page);
            foreach (var e in page)
            {
                after = EventPageQuery.RowIdOf(e.Position);
                if (filter is null || filter.Matches(e.Stream, e.Type))
                {
                    skipped = 0;
                    yield return new SubscriptionMessage.EventAppeared(e);
                }
                else if (++skipped >= filter.CheckpointInterval)
                {
                    skipped = 0;
                    yield return new SubscriptionMessage.Checkpoint(e.Position);
                }
            }
            if (page.Count == _options.PageSize) continue;
            if (!caughtUp)
            {
                caughtUp = true;
                yield return new SubscriptionMessage.CaughtUp(LogPosition.Of((ulong)after));
            }
            // Other processes do not signal us: poll for their appends.
            await Task.WhenAny(appended, Task.Delay(_options.PollInterval, token)).ConfigureAwait(false);
        }
    }

    private SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Reads go through SQLite's own statements (EventPageQuery), which wait for a busy file only with this set.
        using var command = connection.CreateCommand();
        command.CommandText = _busyTimeoutPragma;
        command.ExecuteNonQuery();
        return connection;
    }

    private static long HeadOf(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(position), 0) FROM events";
        return (long)command.ExecuteScalar()!;
    }

    private int PageSizeFor(long remaining) => (int)Math.Min(remaining, _options.PageSize);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested) return;
        _disposed.Cancel();
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _writer.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
        // Pooled connections would otherwise keep the file open after the store is gone.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    /// <summary>The one connection that writes, with its statements prepared once.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteStatement _begin, _commit, _rollback, _streamState, _head, _findEventId, _storedIds, _insert, _upsertStream;
        private readonly Dictionary<string, byte[]> _typeNames = new(StringComparer.Ordinal);
        private readonly List<Guid> _storedIdList = [];

        public Writer(SqliteConnection connection)
        {
            _connection = connection;
            _begin = new(connection, "BEGIN IMMEDIATE");
            _commit = new(connection, "COMMIT");
            _rollback = new(connection, "ROLLBACK");
            _streamState = new(connection, "SELECT last_revision FROM streams WHERE name = ?1");
            _head = new(connection, "SELECT coalesce(max(position), 0) FROM events");
            _findEventId = new(connection, "SELECT revision FROM events WHERE stream = ?1 AND event_id = ?2 ORDER BY revision LIMIT 1");
            _storedIds = new(connection, "SELECT event_id, position FROM events WHERE stream = ?1 AND revision >= ?2 ORDER BY revision LIMIT ?3");
            // No position: the rowid is max + 1, and BEGIN IMMEDIATE makes this writer the only one.
            _insert = new(connection, "INSERT INTO events (stream, revision, event_id, type, data, metadata, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
            _upsertStream = new(connection,
                "INSERT INTO streams (name, last_revision) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET last_revision = excluded.last_revision");
        }

        /// <summary>One transaction: check, then write everything or nothing. Returns whether anything was written.</summary>
        public (AppendResult Result, bool Wrote) Append(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events)
        {
            _begin.Execute();
            var committed = false;
            try
            {
                _streamState.Bind(1, stream);
                var actual = _streamState.ScalarInt64() is { } last ? new StreamState((ulong)last) : StreamState.NoStream;

                if (TryRecogniseRetry(stream, actual, expected, events) is { } retried)
                    return (retried, false);
                if (!AppendRules.Matches(expected, actual))
                    throw new WrongExpectedRevisionException(stream, expected, actual);
                if (events.Count == 0)
                {
                    var head = _head.ScalarInt64() ?? 0;
                    return (new AppendResult(actual.LastRevision ?? ulong.MaxValue, head == 0 ? LogPosition.Start : LogPosition.Of((ulong)head)), false);
                }

                var revision = actual.LastRevision is { } r ? (long)r + 1 : 0;
                _insert.Bind(1, stream);
                _insert.Bind(7, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                for (var i = 0; i < events.Count; i++)
                {
                    var e = events[i];
                    _insert.Bind(2, revision + i);
                    _insert.Bind(3, e.EventId);
                    _insert.BindText(4, Utf8TypeName(e.Type));
                    _insert.BindBlob(5, e.Data.Span);
                    _insert.BindBlob(6, e.Metadata.Span);
                    _insert.Execute();
                }
                var position = _insert.LastInsertRowId;
                var lastRevision = revision + events.Count - 1;
                _upsertStream.Bind(1, stream);
                _upsertStream.Bind(2, lastRevision);
                _upsertStream.Execute();

                _commit.Execute();
                committed = true;
                return (new AppendResult((ulong)lastRevision, LogPosition.Of((ulong)position)), true);
            }
            finally
            {
                if (!committed && InTransaction) _rollback.Execute();
            }
        }

        /// <summary>EventStoreDB's idempotency: the same ids already stored where this append would have put them.</summary>
        private AppendResult? TryRecogniseRetry(string stream, StreamState actual, ExpectedRevision expected, IReadOnlyList<EventData> events)
        {
            if (events.Count == 0 || actual.LastRevision is not { } last) return null;
            long first;
            if (expected.IsAny)
            {
                _findEventId.Bind(1, stream);
                _findEventId.Bind(2, events[0].EventId);
                if (_findEventId.ScalarInt64() is not { } found) return null;
                first = found;
            }
            else
            {
                var from = AppendRules.FirstRevisionOf(expected);
                if (from > last) return null;
                first = (long)from;
            }

            _storedIds.Bind(1, stream);
            _storedIds.Bind(2, first);
            _storedIds.Bind(3, events.Count);
            _storedIdList.Clear();
            long lastPosition = 0;
            try
            {
                while (_storedIds.Step())
                {
                    _storedIdList.Add(_storedIds.Guid(0));
                    lastPosition = _storedIds.Int64(1);
                }
            }
            finally
            {
                _storedIds.Reset();
            }
            if (!AppendRules.IsRetryOf(_storedIdList, events)) return null;
            return new AppendResult((ulong)(first + events.Count - 1), LogPosition.Of((ulong)lastPosition));
        }

        private bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0;

        /// <summary>Type names repeat endlessly; encode each once.</summary>
        private byte[] Utf8TypeName(string type)
        {
            if (_typeNames.TryGetValue(type, out var utf8)) return utf8;
            if (_typeNames.Count >= 1024) _typeNames.Clear();
            return _typeNames[type] = System.Text.Encoding.UTF8.GetBytes(type);
        }

        public void Dispose()
        {
            foreach (var statement in new[] { _begin, _commit, _rollback, _streamState, _head, _findEventId, _storedIds, _insert, _upsertStream })
                statement.Dispose();
            _connection.Dispose();
        }
    }
}
