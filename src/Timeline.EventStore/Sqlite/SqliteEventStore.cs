using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        private readonly SqliteCommand _begin, _commit, _rollback, _streamState, _head, _findEventId, _storedIds, _insert, _upsertStream;
        private readonly SqliteParameter _stateStream, _findStream, _findId, _storedStream, _storedFrom, _storedLimit;
        private readonly SqliteParameter _position, _stream, _revision, _eventId, _type, _data, _metadata, _created;
        private readonly SqliteParameter _upsertName, _upsertRevision;
        private readonly List<(Guid Id, long Position)> _stored = [];

        public Writer(SqliteConnection connection)
        {
            _connection = connection;
            _begin = Prepare("BEGIN IMMEDIATE");
            _commit = Prepare("COMMIT");
            _rollback = Prepare("ROLLBACK");
            _streamState = Prepare("SELECT last_revision FROM streams WHERE name = $stream", "$stream");
            _stateStream = _streamState.Parameters[0];
            _head = Prepare("SELECT coalesce(max(position), 0) FROM events");
            _findEventId = Prepare("SELECT revision FROM events WHERE stream = $stream AND event_id = $id ORDER BY revision LIMIT 1",
                "$stream", "$id");
            (_findStream, _findId) = (_findEventId.Parameters[0], _findEventId.Parameters[1]);
            // Ids are stored as 16-byte blobs (Microsoft.Data.Sqlite would bind a Guid as text by default).
            _findId.SqliteType = SqliteType.Blob;
            _storedIds = Prepare("SELECT event_id, position FROM events WHERE stream = $stream AND revision >= $from ORDER BY revision LIMIT $limit",
                "$stream", "$from", "$limit");
            (_storedStream, _storedFrom, _storedLimit) = (_storedIds.Parameters[0], _storedIds.Parameters[1], _storedIds.Parameters[2]);
            _insert = Prepare(
                "INSERT INTO events (position, stream, revision, event_id, type, data, metadata, created) " +
                "VALUES ($position, $stream, $revision, $id, $type, $data, $metadata, $created)",
                "$position", "$stream", "$revision", "$id", "$type", "$data", "$metadata", "$created");
            var p = _insert.Parameters;
            (_position, _stream, _revision, _eventId, _type, _data, _metadata, _created) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
            _eventId.SqliteType = SqliteType.Blob;
            _data.SqliteType = SqliteType.Blob;
            _metadata.SqliteType = SqliteType.Blob;
            _upsertStream = Prepare(
                "INSERT INTO streams (name, last_revision) VALUES ($name, $revision) " +
                "ON CONFLICT (name) DO UPDATE SET last_revision = excluded.last_revision",
                "$name", "$revision");
            (_upsertName, _upsertRevision) = (_upsertStream.Parameters[0], _upsertStream.Parameters[1]);
        }

        /// <summary>One transaction: check, then write everything or nothing. Returns whether anything was written.</summary>
        public (AppendResult Result, bool Wrote) Append(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events)
        {
            _begin.ExecuteNonQuery();
            var committed = false;
            try
            {
                _stateStream.Value = stream;
                var actual = _streamState.ExecuteScalar() is long last ? new StreamState((ulong)last) : StreamState.NoStream;

                if (TryRecogniseRetry(stream, actual, expected, events) is { } retried)
                    return (retried, false);
                if (!AppendRules.Matches(expected, actual))
                    throw new WrongExpectedRevisionException(stream, expected, actual);

                var head = (long)_head.ExecuteScalar()!;
                if (events.Count == 0)
                    return (new AppendResult(actual.LastRevision ?? ulong.MaxValue, head == 0 ? LogPosition.Start : LogPosition.Of((ulong)head)), false);

                var revision = actual.LastRevision is { } r ? (long)r + 1 : 0;
                var created = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                _stream.Value = stream;
                _created.Value = created;
                for (var i = 0; i < events.Count; i++)
                {
                    var e = events[i];
                    _position.Value = head + 1 + i;
                    _revision.Value = revision + i;
                    _eventId.Value = e.EventId;
                    _type.Value = e.Type;
                    _data.Value = ArrayOf(e.Data);
                    _metadata.Value = ArrayOf(e.Metadata);
                    _insert.ExecuteNonQuery();
                }
                var lastRevision = revision + events.Count - 1;
                _upsertName.Value = stream;
                _upsertRevision.Value = lastRevision;
                _upsertStream.ExecuteNonQuery();

                _commit.ExecuteNonQuery();
                committed = true;
                return (new AppendResult((ulong)lastRevision, LogPosition.Of((ulong)(head + events.Count))), true);
            }
            finally
            {
                if (!committed && InTransaction) _rollback.ExecuteNonQuery();
            }
        }

        /// <summary>EventStoreDB's idempotency: the same ids already stored where this append would have put them.</summary>
        private AppendResult? TryRecogniseRetry(string stream, StreamState actual, ExpectedRevision expected, IReadOnlyList<EventData> events)
        {
            if (events.Count == 0 || actual.LastRevision is not { } last) return null;
            long first;
            if (expected.IsAny)
            {
                _findStream.Value = stream;
                _findId.Value = events[0].EventId;
                if (_findEventId.ExecuteScalar() is not long found) return null;
                first = found;
            }
            else
            {
                var from = AppendRules.FirstRevisionOf(expected);
                if (from > last) return null;
                first = (long)from;
            }

            _storedStream.Value = stream;
            _storedFrom.Value = first;
            _storedLimit.Value = events.Count;
            _stored.Clear();
            using (var reader = _storedIds.ExecuteReader())
                while (reader.Read())
                    _stored.Add((reader.GetGuid(0), reader.GetInt64(1)));
            if (!AppendRules.IsRetryOf(_stored.ConvertAll(s => s.Id), events)) return null;
            return new AppendResult((ulong)(first + events.Count - 1), LogPosition.Of((ulong)_stored[events.Count - 1].Position));
        }

        private bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0;

        /// <summary>The array behind the memory when it is a whole array (the usual case), to skip a copy.</summary>
        private static byte[] ArrayOf(ReadOnlyMemory<byte> memory) =>
            MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : memory.ToArray();

        private SqliteCommand Prepare(string sql, params string[] parameterNames)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            command.Prepare();
            return command;
        }

        public void Dispose()
        {
            foreach (var c in new[] { _begin, _commit, _rollback, _streamState, _head, _findEventId, _storedIds, _insert, _upsertStream })
                c.Dispose();
            _connection.Dispose();
        }
    }
}
