using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Timeline.Domain.Serialization;
using Timeline.EventStore;
using Timeline.Projections.Corroboration;
using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Model;

namespace Timeline.Projections.ReadModel;

/// <summary>"As of": only what had been ingested up to a log position, or up to an instant.</summary>
public sealed record AsOf(LogPosition? Position, DateTimeOffset? IngestedBy)
{
    public bool Shows(EntrySource s) =>
        (Position is not { } p || s.Position <= p.Commit) && (IngestedBy is not { } t || s.IngestedAtMs <= t.ToUnixTimeMilliseconds());
}

public sealed record EntryQuery
{
    /// <summary>Entries whose date can fall on or after this day.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Entries whose date can fall on or before this day.</summary>
    public DateOnly? To { get; init; }
    public IReadOnlySet<string>? Types { get; init; }
    public int PageSize { get; init; } = 100;
    public string? PageToken { get; init; }
    public AsOf? AsOf { get; init; }
}

public sealed record EntryPage(IReadOnlyList<TimelineEntry> Entries, int Total, string? NextPageToken);

/// <summary>An actor lookup: the actor, or the names closest to what was asked.</summary>
public sealed record ActorLookup(DirectoryActor? Actor, IReadOnlyList<string> Suggestions);

/// <summary>A page token that is not one of ours.</summary>
public sealed class InvalidPageTokenException(string token) : Exception($"'{token}' is not a page token of this timeline.");

/// <summary>
/// Queries over the current generation. Each query reads the control row, the generation's checkpoint and the
/// tables in one read transaction, so it sees one generation whole even while a replay swaps another in.
/// <para>
/// Speed: queries run on kept-open connections with prepared statements, order small subjects in memory and large ones in SQL (only the page's
/// rows are decoded), and answers are kept in a small cache keyed by (generation, checkpoint, request). Every change
/// to a generation commits a new checkpoint with it and a swap changes the generation, so a cached answer is only
/// ever returned for exactly the read-model state it was computed from: the cache can be fast, never stale.
/// </para>
/// </summary>
/// <param name="orderInMemoryUpTo">Subjects with up to this many matching entries are ordered in memory, larger ones in SQL (see <see cref="DefaultOrderInMemoryUpTo"/>).</param>
public sealed class TimelineQueries(ReadModelDatabase database, KnownActorNames? knownNames = null, int orderInMemoryUpTo = TimelineQueries.DefaultOrderInMemoryUpTo)
    : IDisposable
{
    private const int MaxIdleSessions = 16;

    private readonly KnownActorNames _known = knownNames ?? KnownActorNames.None;
    private readonly ConcurrentQueue<ReadSession> _idle = new();
    private readonly AnswerCache _cache = new();
    private readonly DecodedEntries _decoded = new();
    private readonly StoredRows _rows = new();
    private volatile bool _disposed;

    public ActorLookup ResolveActor(string text) =>
        Read("resolve\u001f" + text, (s, g) => Resolve(s, g, text), lookup => 1) ?? new ActorLookup(null, []);

    private ActorLookup Resolve(ReadSession s, string g, string text)
    {
        var byId = ReadActors(s, $"SELECT data FROM {g}_actors WHERE actor_id = $id", ("$id", text.Trim()));
        if (byId.Count > 0) return new ActorLookup(byId[0], []);

        var key = ActorDirectoryFold.NormalizeKey(text);
        if (key.Length == 0) return new ActorLookup(null, []);
        var byName = ReadActors(s, $"""
            SELECT a.data FROM {g}_actor_names n JOIN {g}_actors a ON a.actor_id = n.actor_id
            WHERE n.name_key = $k ORDER BY a.event_count DESC, a.actor_id LIMIT 1
            """, ("$k", key));
        if (byName.Count > 0) return new ActorLookup(byName[0], []);

        // A name or acronym the gazetteer knows ("IRPT", "Islamic Renascence Party") that no article used.
        var byKnownName = ActorsByIds(s, g, _known.IdsNamed(key));
        if (byKnownName.Count > 0) return new ActorLookup(byKnownName[0], []);

        // "Kabiri" for "Muhiddin Kabiri": whole words of a name identify an actor when only one actor has them.
        // Only reached on a miss of the indexed lookups above, and its answer is cached like any other.
        var byWords = ReadActors(s, $"""
            SELECT a.data FROM {g}_actors a WHERE a.actor_id IN (
                SELECT n.actor_id FROM {g}_actor_names n WHERE instr(' ' || n.name_key || ' ', ' ' || $k || ' ') > 0)
            ORDER BY a.event_count DESC, a.actor_id LIMIT 2
            """, ("$k", key));
        var byKnownWords = ActorsByIds(s, g, _known.IdsWithWords(key).Take(3).ToList());
        var candidates = byWords.Concat(byKnownWords).DistinctBy(a => a.Id).ToList();
        if (candidates.Count == 1) return new ActorLookup(candidates[0], []);

        return new ActorLookup(null, Suggest(s, g, key));
    }

    /// <summary>Close names: ones that start with what was typed, then ones a few edits away.</summary>
    private IReadOnlyList<string> Suggest(ReadSession s, string g, string key)
    {
        var candidates = new List<(string Key, string Name)>();
        using (var reader = s.Command($"""
            SELECT n.name_key, a.name FROM {g}_actor_names n JOIN {g}_actors a ON a.actor_id = n.actor_id LIMIT 50000
            """).ExecuteReader())
            while (reader.Read()) candidates.Add((reader.GetString(0), reader.GetString(1)));
        // Known names count only for actors the read model has.
        var known = _known.Keys.ToList();
        if (known.Count > 0)
        {
            var present = ActorsByIds(s, g, known.Select(k => k.Id).Distinct(StringComparer.Ordinal).ToList()).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
            candidates.AddRange(known.Where(k => present.ContainsKey(k.Id)).Select(k => (k.Key, present[k.Id])));
        }

        var prefix = candidates.Where(c => c.Key.StartsWith(key, StringComparison.Ordinal) || c.Key.Contains(" " + key, StringComparison.Ordinal))
            .Select(c => (c.Name, Distance: 0));
        var limit = Math.Max(2, key.Length / 3);
        var near = candidates.Select(c => (c.Name, Distance: Distance(key, c.Key, limit))).Where(c => c.Distance <= limit);
        return prefix.Concat(near)
            .GroupBy(c => c.Name).Select(grp => (Name: grp.Key, Distance: grp.Min(x => x.Distance)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(5).Select(c => c.Name).ToList();
    }

    /// <summary>How far a typed key is from a name: the whole name, or any one word of it ("kabry" is near "kabiri").</summary>
    private static int Distance(string key, string nameKey, int limit)
    {
        var best = Levenshtein(key, nameKey, limit + 1);
        if (key.Contains(' ')) return best;
        foreach (var word in nameKey.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (word.Length >= 3) best = Math.Min(best, Levenshtein(key, word, limit + 1));
        return best;
    }

    public IReadOnlyList<DirectoryActor> FindActors(string? search, int limit) =>
        Read($"find\u001f{search}\u001f{limit}", (s, g) => Find(s, g, search, limit), found => found.Count + 1) ?? [];

    private List<DirectoryActor> Find(ReadSession s, string g, string? search, int limit)
    {
        if (string.IsNullOrWhiteSpace(search))
            return ReadActors(s, $"SELECT data FROM {g}_actors ORDER BY event_count DESC, actor_id LIMIT $n", ("$n", limit));
        var key = ActorDirectoryFold.NormalizeKey(search);
        if (key.Length == 0) return [];
        var found = ReadActors(s, $"""
            SELECT a.data FROM {g}_actors a WHERE a.actor_id IN (
                SELECT n.actor_id FROM {g}_actor_names n
                WHERE (n.name_key >= $k AND n.name_key < $k2) OR instr(n.name_key, ' ' || $k) > 0)
            ORDER BY a.event_count DESC, a.actor_id LIMIT $n
            """, ("$k", key), ("$k2", key + "\uffff"), ("$n", limit));
        var known = ActorsByIds(s, g, _known.IdsWithPrefix(key).ToList());
        if (known.Count == 0) return found;
        return found.Concat(known).DistinctBy(a => a.Id)
            .OrderByDescending(a => a.EventCount).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Take(limit).ToList();
    }

    /// <summary>The actors of the read model among <paramref name="ids"/>, most events first.</summary>
    private List<DirectoryActor> ActorsByIds(ReadSession s, string g, IReadOnlyList<string> ids) =>
        ids.Count == 0
            ? []
            : ReadActors(s, $"""
                SELECT data FROM {g}_actors WHERE actor_id IN (SELECT value FROM json_each($ids))
                ORDER BY event_count DESC, actor_id
                """, ("$ids", JsonSerializer.Serialize(ids)));

    public bool CountryKnown(string code) =>
        Read("country\u001f" + code, (s, g) => (object)(s.Scalar($"SELECT 1 FROM {g}_entries WHERE country = $c LIMIT 1", ("$c", code)) is not null), _ => 1)
            is true;

    public EntryPage ActorTimeline(string actorId, EntryQuery query) =>
        Timeline(query, "actor", actorId, g => $"{g}_entry_actors ea JOIN {g}_entries e ON e.rowid = ea.entry WHERE ea.actor_id = $subject",
            entry => entry.Actors.Any(a => a.Id == actorId) || entry.Key.Contains("|" + actorId + "|", StringComparison.Ordinal));

    public EntryPage CountryTimeline(string code, EntryQuery query) =>
        Timeline(query, "country", code, g => $"{g}_entries e WHERE e.country = $subject", _ => true);

    /// <param name="rowsOf">The FROM … WHERE clause selecting the subject's rows as <c>e</c>, given the generation.</param>
    private EntryPage Timeline(EntryQuery query, string kind, string subject, Func<string, string> rowsOf, Func<TimelineEntry, bool> involves)
    {
        var after = query.PageToken is { Length: > 0 } token ? SortKey.Parse(token) : (SortKey?)null;
        var key = string.Join('\u001f', kind, subject, query.From?.DayNumber, query.To?.DayNumber,
            query.Types is null ? "" : string.Join(',', query.Types.Order(StringComparer.Ordinal)), query.PageSize, query.PageToken,
            query.AsOf?.Position?.ToString(), query.AsOf?.IngestedBy?.ToUnixTimeMilliseconds());
        return Read(key, (s, g) => query.AsOf is null
                ? Page(s, g, rowsOf(g), subject, query, after)
                : AsOfPage(s, g, rowsOf(g), subject, query, query.AsOf, after, involves),
            page => page.Entries.Count + 1) ?? new EntryPage([], 0, null);
    }

    private const string Filters = """
         AND ($from IS NULL OR e.hi >= $from) AND ($to IS NULL OR e.lo <= $to)
         AND ($types IS NULL OR e.type IN (SELECT value FROM json_each($types)))
        """;

    /// <summary>Orders, filters and pages in SQL; only the page's entries are read and decoded.</summary>
    private EntryPage Page(ReadSession s, string g, string rows, string subject, EntryQuery query, SortKey? after)
    {
        (string, object?)[] filters =
        [
            ("$subject", subject),
            ("$from", query.From?.DayNumber),
            ("$to", query.To?.DayNumber),
            ("$types", query.Types is null ? null : JsonSerializer.Serialize(query.Types.Order(StringComparer.Ordinal))),
        ];
        // One pass over a small subject's keys gives its total and its page; a large one is counted and paged in SQL.
        if (OrderedInMemory(s, rows, filters, query.PageSize + 1, after, orderInMemoryUpTo) is not ({ } keys, var total))
        {
            total = Convert.ToInt32(s.Scalar($"SELECT count(*) FROM {rows} {Filters}", filters), CultureInfo.InvariantCulture);
            keys = OrderedInSql(s, rows, filters, query.PageSize + 1, after);
        }

        // One row more than a page says there is a next page.
        var more = keys.Count > query.PageSize;
        if (more) keys.RemoveAt(keys.Count - 1);

        // Only the rows not decoded at this stamp before are read: a page of a thousand entries is a megabyte of JSON.
        var stamp = s.Seen!.Value.Stamp;
        var entries = new TimelineEntry[keys.Count];
        var missing = new Dictionary<long, int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (_rows.TryGet(stamp, keys[i].RowId, out var known)) entries[i] = known;
            else missing[keys[i].RowId] = i;
        }
        if (missing.Count > 0)
        {
            using var reader = s.Command($"SELECT rowid, data FROM {g}_entries WHERE rowid IN (SELECT value FROM json_each($ids))",
                ("$ids", JsonSerializer.Serialize(missing.Keys))).ExecuteReader();
            while (reader.Read())
            {
                var data = reader.GetFieldValue<byte[]>(1);
                var entry = _decoded.Decode(data);
                var at = missing[reader.GetInt64(0)];
                entries[at] = entry;
                _rows.Put(stamp, keys[at].RowId, entry);
            }
        }
        return new EntryPage(entries, total, more ? keys[^1].Key.ToToken() : null);
    }

    /// <summary>
    /// Subjects with up to this many matching entries are ordered in memory: reading their sort keys (which also counts
    /// them) costs a fraction of what SQLite's sorter spends ordering them (for 1,000 entries about 0.4 ms against
    /// 1.5 ms); larger ones are counted, ordered and cut to the page in SQL, which never holds all their keys at once.
    /// </summary>
    public const int DefaultOrderInMemoryUpTo = 5_000;

    /// <summary>The page's keys and the subject's total, or null keys when the subject has more than <paramref name="upTo"/> entries.</summary>
    private static (List<(long RowId, SortKey Key)>? Keys, int Total) OrderedInMemory(ReadSession s, string rows, (string, object?)[] filters,
        int take, SortKey? after, int upTo)
    {
        var all = new List<(long RowId, SortKey Key)>();
        var total = 0;
        using (var reader = s.Command($"SELECT e.rowid, e.lo, e.hi, e.ap, e.pr, e.fp, e.entry_id FROM {rows} {Filters} LIMIT $upto",
                   [.. filters, ("$upto", upTo + 1)]).ExecuteReader())
            while (reader.Read())
            {
                if (++total > upTo) return (null, 0);
                var key = new SortKey(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt64(5), reader.GetString(6));
                if (after is null || key.CompareTo(after.Value) > 0) all.Add((reader.GetInt64(0), key));
            }
        all.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        if (all.Count > take) all.RemoveRange(take, all.Count - take);
        return (all, total);
    }

    private static List<(long RowId, SortKey Key)> OrderedInSql(ReadSession s, string rows, (string, object?)[] filters, int take, SortKey? after)
    {
        var keys = new List<(long RowId, SortKey Key)>(Math.Min(take, 1024));
        using var reader = s.Command($"""
            SELECT e.rowid, e.lo, e.hi, e.ap, e.pr, e.fp, e.entry_id FROM {rows} {Filters}
             AND ($alo IS NULL OR (e.lo, e.hi, e.ap, e.pr, e.fp, e.entry_id) > ($alo, $ahi, $aap, $apr, $afp, $aid))
            ORDER BY e.lo, e.hi, e.ap, e.pr, e.fp, e.entry_id LIMIT $n
            """, [.. filters,
                ("$alo", after?.Lo), ("$ahi", after?.Hi), ("$aap", after?.Ap), ("$apr", after?.Pr), ("$afp", after?.Fp), ("$aid", after?.Id),
                ("$n", take)]).ExecuteReader();
        while (reader.Read())
            keys.Add((reader.GetInt64(0), new SortKey(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetInt64(5), reader.GetString(6))));
        return keys;
    }

    /// <summary>
    /// As of a position or instant: dates narrow and entries merge as sources arrive, so the entries are rebuilt from
    /// the sources visible then, and filtered and ordered afterwards.
    /// </summary>
    private EntryPage AsOfPage(ReadSession s, string g, string rowsOf, string subject, EntryQuery query, AsOf asOf, SortKey? after,
        Func<TimelineEntry, bool> involves)
    {
        var rows = new List<(string Id, string Key, byte[] Data)>();
        var bound = asOf.Position is { } p
            ? (" AND e.fp <= $asof", (object)(long)p.Commit)
            : (" AND e.fi <= $asof", (object)asOf.IngestedBy!.Value.ToUnixTimeMilliseconds());
        using (var reader = s.Command($"SELECT e.entry_id, e.key, e.data FROM {rowsOf}{bound.Item1}", ("$subject", subject), ("$asof", bound.Item2)).ExecuteReader())
            while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
        if (rows.Count > 0)
        {
            // Recomputing corroboration needs every visible report of the same events, not only the ones naming the subject.
            var ids = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            using var reader = s.Command($"""
                SELECT e.entry_id, e.data FROM {g}_entries e
                WHERE e.kh IN (SELECT value FROM json_each($keys)) AND (e.fp <= $p AND e.fi <= $t)
                """,
                ("$keys", JsonSerializer.Serialize(rows.Select(r => ReadModelDatabase.KeyHash(r.Key)).Distinct().ToList())),
                ("$p", asOf.Position is { } ap ? (long)Math.Min(ap.Commit, long.MaxValue) : long.MaxValue),
                ("$t", asOf.IngestedBy is { } at ? at.ToUnixTimeMilliseconds() : long.MaxValue)).ExecuteReader();
            while (reader.Read())
                if (ids.Add(reader.GetString(0)))
                    rows.Add((reader.GetString(0), "", reader.GetFieldValue<byte[]>(1)));
        }

        var visible = rows.Select(r => _decoded.Decode(r.Data))
            .SelectMany(e => e.Sources)
            .Where(asOf.Shows)
            .OrderBy(src => src.Position).ThenBy(src => src.EventId)
            .ToList();
        var entries = EntryBuilder.Cluster(visible)
            .Where(involves)
            .Where(e => query.Types is null || query.Types.Contains(e.Type))
            .Where(e => query.From is not { } from || e.Occurred.UpperBound >= from)
            .Where(e => query.To is not { } to || e.Occurred.LowerBound <= to)
            .Select(e => (Key: SortKey.Of(e), Entry: e))
            .OrderBy(x => x.Key)
            .ToList();
        var page = entries.Where(x => after is null || x.Key.CompareTo(after.Value) > 0).Take(query.PageSize).ToList();
        var next = page.Count == query.PageSize && entries.Count > 0 && page[^1].Key.CompareTo(entries[^1].Key) < 0
            ? page[^1].Key.ToToken()
            : null;
        return new EntryPage(page.Select(x => x.Entry).ToList(), entries.Count, next);
    }

    /// <summary>
    /// Runs <paramref name="compute"/> in one read transaction on the current generation, or returns the answer cached
    /// for the same request at the same (generation, checkpoint). Null when there is no generation yet.
    /// </summary>
    private T? Read<T>(string key, Func<ReadSession, string, T> compute, Func<T, int> weight) where T : class
    {
        var session = Rent();
        var healthy = false;
        try
        {
            // Nothing committed to the file since this session last read the stamp: the stamp still holds, and a
            // cached answer for it can be returned without a transaction (most repeated questions end here).
            var version = session.DataVersion();
            if (session.Seen is { } seen && seen.DataVersion == version && _cache.TryGet(seen.Stamp, key, out T? early))
            {
                healthy = true;
                return early;
            }

            using var tx = session.Begin();
            var g = session.Scalar("SELECT value FROM control WHERE key = 'current'") as string;
            if (g is null)
            {
                healthy = true;
                return null;
            }
            var stamp = new Stamp(g, session.Scalar($"SELECT value FROM {g}_meta WHERE key = 'checkpoint'") as string);
            session.Seen = (session.DataVersion(), stamp);
            if (_cache.TryGet(stamp, key, out T? cached))
            {
                healthy = true;
                return cached;
            }
            var answer = compute(session, g);
            _cache.Put(stamp, key, answer, weight(answer));
            healthy = true;
            return answer;
        }
        finally
        {
            session.End();
            Return(session, healthy);
        }
    }

    private ReadSession Rent()
    {
        if (_idle.TryDequeue(out var session)) return session;
        var connection = database.Open();
        // A timeline's entries lie scattered over the file; read through the connection's small page cache each is a
        // read() call. Mapped, they are memory reads, and the OS's page cache is shared by every session.
        using (var mmap = connection.CreateCommand())
        {
            mmap.CommandText = $"PRAGMA mmap_size = {MappedBytes};";
            mmap.ExecuteNonQuery();
        }
        return new ReadSession(connection);
    }

    private const long MappedBytes = 1L << 30;

    private void Return(ReadSession session, bool healthy)
    {
        // A session that failed midway may hold a broken statement: drop it rather than reuse it.
        if (!healthy || _disposed || _idle.Count >= MaxIdleSessions) session.Dispose();
        else _idle.Enqueue(session);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var session)) session.Dispose();
    }

    /// <summary>Which read-model state an answer was computed from.</summary>
    private readonly record struct Stamp(string Generation, string? Checkpoint);

    /// <summary>
    /// Answers for one stamp: when the checkpoint moves, the first answer computed at the new stamp replaces them all.
    /// Bounded by the number of entries held, so a burst of different requests cannot grow it without limit.
    /// </summary>
    private sealed class AnswerCache
    {
        private const int MaxWeight = 10_000;
        private readonly Lock _gate = new();
        private Stamp _stamp;
        private Dictionary<string, object> _answers = new(StringComparer.Ordinal);
        private int _weight;

        public bool TryGet<T>(Stamp stamp, string key, out T? answer) where T : class
        {
            lock (_gate)
            {
                if (stamp == _stamp && _answers.TryGetValue(key, out var found) && found is T typed)
                {
                    answer = typed;
                    return true;
                }
            }
            answer = null;
            return false;
        }

        public void Put(Stamp stamp, string key, object answer, int weight)
        {
            if (weight > MaxWeight) return;
            lock (_gate)
            {
                if (stamp != _stamp || _weight + weight > MaxWeight)
                {
                    _stamp = stamp;
                    _answers = new Dictionary<string, object>(StringComparer.Ordinal);
                    _weight = 0;
                }
                if (_answers.TryAdd(key, answer)) _weight += weight;
            }
        }
    }

    /// <summary>
    /// Decoded entries by their exact stored bytes. Decoding (JSON, then rebuilding the entry from its sources) is most
    /// of what a query costs, and an entry's bytes only change when a new source joins it; decoding is a pure
    /// function of the bytes, so an entry found here is exactly what decoding would give, in any generation, at any
    /// checkpoint. Unlike answers, these survive the log moving on. Bounded: emptied when full.
    /// </summary>
    private sealed class DecodedEntries
    {
        private const int Capacity = 20_000;
        private readonly ConcurrentDictionary<byte[], TimelineEntry> _entries = new(ByteContent.Instance);
        private int _count;

        public TimelineEntry Decode(byte[] data)
        {
            if (_entries.TryGetValue(data, out var known)) return known;
            var entry = EntryJson.Deserialize(data);
            if (Interlocked.Increment(ref _count) > Capacity)
            {
                _entries.Clear();
                Interlocked.Exchange(ref _count, 1);
            }
            _entries[data] = entry;
            return entry;
        }

        private sealed class ByteContent : IEqualityComparer<byte[]>
        {
            public static readonly ByteContent Instance = new();

            public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

            public int GetHashCode(byte[] bytes)
            {
                var hash = new HashCode();
                hash.AddBytes(bytes);
                return hash.ToHashCode();
            }
        }
    }

    /// <summary>
    /// Decoded entries by read-model stamp and row, so a page whose rows were decoded before at the same stamp reads no
    /// JSON at all. Exact for the same reason the answers are: at one (generation, checkpoint) no row changes. When the
    /// log moves on, rows are read again and <see cref="DecodedEntries"/> spares decoding the unchanged ones. Bounded:
    /// emptied when full.
    /// </summary>
    private sealed class StoredRows
    {
        private const int Capacity = 50_000;
        private readonly ConcurrentDictionary<(Stamp Stamp, long RowId), TimelineEntry> _entries = new();
        private int _count;

        public bool TryGet(Stamp stamp, long rowId, [NotNullWhen(true)] out TimelineEntry? entry) =>
            _entries.TryGetValue((stamp, rowId), out entry);

        public void Put(Stamp stamp, long rowId, TimelineEntry entry)
        {
            if (Interlocked.Increment(ref _count) > Capacity)
            {
                _entries.Clear();
                Interlocked.Exchange(ref _count, 1);
            }
            _entries[(stamp, rowId)] = entry;
        }
    }

    /// <summary>A kept-open read connection and its prepared statements; used by one query at a time.</summary>
    private sealed class ReadSession(SqliteConnection connection) : IDisposable
    {
        private const int MaxStatements = 64;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
        private SqliteTransaction? _tx;

        public SqliteConnection Connection => connection;

        /// <summary>The file's data version when this session last read the stamp, and the stamp it read.</summary>
        public (long DataVersion, Stamp Stamp)? Seen { get; set; }

        /// <summary>SQLite's <c>data_version</c>: changes whenever another connection (of any process) commits.</summary>
        public long DataVersion() => (long)Command("PRAGMA data_version").ExecuteScalar()!;

        public SqliteTransaction Begin() => _tx = connection.BeginTransaction(deferred: true);

        public void End() => _tx = null;

        /// <summary>A prepared statement (cached by its text, which names the generation) bound to these parameters.</summary>
        public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
        {
            if (!_commands.TryGetValue(sql, out var cmd))
            {
                if (_commands.Count >= MaxStatements)
                {
                    // Statements of generations swapped out long ago: let them go.
                    foreach (var old in _commands.Values) old.Dispose();
                    _commands.Clear();
                }
                cmd = connection.CreateCommand();
                cmd.CommandText = sql;
                _commands[sql] = cmd;
            }
            cmd.Transaction = _tx;
            cmd.Parameters.Clear();
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return cmd;
        }

        public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
        {
            var value = Command(sql, parameters).ExecuteScalar();
            return value is DBNull ? null : value;
        }

        public void Dispose()
        {
            foreach (var cmd in _commands.Values) cmd.Dispose();
            _commands.Clear();
            connection.Dispose();
        }
    }

    /// <summary>Timeline order: date lower bound, then upper bound (more precise first), exact before approximate, then log order.</summary>
    private readonly record struct SortKey(int Lo, int Hi, int Ap, int Pr, long Fp, string Id) : IComparable<SortKey>
    {
        public static SortKey Of(TimelineEntry e) => new(e.Occurred.LowerBound.DayNumber, e.Occurred.UpperBound.DayNumber,
            e.Occurred.IsApproximate ? 1 : 0, (int)e.Occurred.Precision, (long)e.FirstPosition, e.Id);

        public int CompareTo(SortKey other)
        {
            var c = Lo.CompareTo(other.Lo);
            if (c == 0) c = Hi.CompareTo(other.Hi);
            if (c == 0) c = Ap.CompareTo(other.Ap);
            if (c == 0) c = Pr.CompareTo(other.Pr);
            if (c == 0) c = Fp.CompareTo(other.Fp);
            if (c == 0) c = string.CompareOrdinal(Id, other.Id);
            return c;
        }

        public string ToToken() => Convert.ToBase64String(Encoding.UTF8.GetBytes(
            string.Join('.', "v1", Lo.ToString(CultureInfo.InvariantCulture), Hi.ToString(CultureInfo.InvariantCulture),
                Ap.ToString(CultureInfo.InvariantCulture), Pr.ToString(CultureInfo.InvariantCulture), Fp.ToString(CultureInfo.InvariantCulture), Id)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static SortKey Parse(string token)
        {
            try
            {
                var base64 = token.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('.');
                if (parts.Length != 7 || parts[0] != "v1") throw new InvalidPageTokenException(token);
                return new SortKey(int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture),
                    int.Parse(parts[3], CultureInfo.InvariantCulture), int.Parse(parts[4], CultureInfo.InvariantCulture),
                    long.Parse(parts[5], CultureInfo.InvariantCulture), parts[6]);
            }
            catch (FormatException)
            {
                throw new InvalidPageTokenException(token);
            }
        }
    }

    private List<DirectoryActor> ReadActors(ReadSession s, string sql, params (string, object?)[] parameters)
    {
        using var reader = s.Command(sql, parameters).ExecuteReader();
        var actors = new List<DirectoryActor>();
        while (reader.Read())
        {
            var actor = EntryJson.DeserializeActor(reader.GetFieldValue<byte[]>(0));
            actors.Add(_known.NamesOf(actor.Id) is { Count: > 0 } known ? actor with { KnownNames = known } : actor);
        }
        return actors;
    }

    /// <summary>Edit distance, giving up (returning <paramref name="cap"/>) once it cannot be below it.</summary>
    public static int Levenshtein(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) >= cap) return cap;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin >= cap) return cap;
            (previous, current) = (current, previous);
        }
        return Math.Min(previous[b.Length], cap);
    }
}
