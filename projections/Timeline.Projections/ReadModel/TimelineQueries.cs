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
/// Queries over the current generation. Each query reads the control row and the tables in one read transaction,
/// so it sees one generation whole even while a replay swaps another in.
/// </summary>
public sealed class TimelineQueries(ReadModelDatabase database)
{
    public ActorLookup ResolveActor(string text)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        var g = ReadModelDatabase.Current(connection, tx);
        if (g is null) return new ActorLookup(null, []);

        var byId = ReadActors(connection, tx, $"SELECT data FROM {g}_actors WHERE actor_id = $id", ("$id", text.Trim()));
        if (byId.Count > 0) return new ActorLookup(byId[0], []);

        var key = ActorDirectoryFold.NormalizeKey(text);
        if (key.Length == 0) return new ActorLookup(null, []);
        var byName = ReadActors(connection, tx, $"""
            SELECT a.data FROM {g}_actor_names n JOIN {g}_actors a ON a.actor_id = n.actor_id
            WHERE n.name_key = $k ORDER BY a.event_count DESC, a.actor_id LIMIT 1
            """, ("$k", key));
        if (byName.Count > 0) return new ActorLookup(byName[0], []);

        // "Kabiri" for "Muhiddin Kabiri": whole words of a name identify an actor when only one actor has them.
        var byWords = ReadActors(connection, tx, $"""
            SELECT a.data FROM {g}_actors a WHERE a.actor_id IN (
                SELECT n.actor_id FROM {g}_actor_names n WHERE instr(' ' || n.name_key || ' ', ' ' || $k || ' ') > 0)
            ORDER BY a.event_count DESC, a.actor_id LIMIT 2
            """, ("$k", key));
        if (byWords.Count == 1) return new ActorLookup(byWords[0], []);

        return new ActorLookup(null, Suggest(connection, tx, g, key));
    }

    /// <summary>Close names: ones that start with what was typed, then ones a few edits away.</summary>
    private static IReadOnlyList<string> Suggest(SqliteConnection connection, SqliteTransaction tx, string g, string key)
    {
        var candidates = new List<(string Key, string Name)>();
        using (var cmd = ReadModelDatabase.Command(connection, tx, $"""
            SELECT n.name_key, a.name FROM {g}_actor_names n JOIN {g}_actors a ON a.actor_id = n.actor_id LIMIT 50000
            """))
        using (var reader = cmd.ExecuteReader())
            while (reader.Read()) candidates.Add((reader.GetString(0), reader.GetString(1)));

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

    public IReadOnlyList<DirectoryActor> FindActors(string? search, int limit)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        var g = ReadModelDatabase.Current(connection, tx);
        if (g is null) return [];
        if (string.IsNullOrWhiteSpace(search))
            return ReadActors(connection, tx, $"SELECT data FROM {g}_actors ORDER BY event_count DESC, actor_id LIMIT $n", ("$n", limit));
        var key = ActorDirectoryFold.NormalizeKey(search);
        if (key.Length == 0) return [];
        return ReadActors(connection, tx, $"""
            SELECT a.data FROM {g}_actors a WHERE a.actor_id IN (
                SELECT n.actor_id FROM {g}_actor_names n
                WHERE (n.name_key >= $k AND n.name_key < $k2) OR instr(n.name_key, ' ' || $k) > 0)
            ORDER BY a.event_count DESC, a.actor_id LIMIT $n
            """, ("$k", key), ("$k2", key + "\uffff"), ("$n", limit));
    }

    public bool CountryKnown(string code)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        var g = ReadModelDatabase.Current(connection, tx);
        return g is not null && ReadModelDatabase.Scalar(connection, tx, $"SELECT 1 FROM {g}_entries WHERE country = $c LIMIT 1", ("$c", code)) is not null;
    }

    public EntryPage ActorTimeline(string actorId, EntryQuery query) =>
        Timeline(query, (g, data) => $"""
            SELECT e.rowid, e.entry_id, e.lo, e.hi, e.ap, e.pr, e.fp, e.type, e.key, {data}
            FROM {g}_entry_actors ea JOIN {g}_entries e ON e.rowid = ea.entry
            WHERE ea.actor_id = $subject
            """, actorId,
            entry => entry.Actors.Any(a => a.Id == actorId) || entry.Key.Contains("|" + actorId + "|", StringComparison.Ordinal));

    public EntryPage CountryTimeline(string code, EntryQuery query) =>
        Timeline(query, (g, data) => $"""
            SELECT e.rowid, e.entry_id, e.lo, e.hi, e.ap, e.pr, e.fp, e.type, e.key, {data}
            FROM {g}_entries e WHERE e.country = $subject
            """, code, _ => true);

    private readonly record struct Row(long RowId, string Id, int Lo, int Hi, int Ap, int Pr, long Fp, string Type, string Key, string? Data);

    /// <param name="select">SQL for the rows of the subject, given the generation and the data column to read.</param>
    private EntryPage Timeline(EntryQuery query, Func<string, string, string> select, string subject, Func<TimelineEntry, bool> involves)
    {
        var after = query.PageToken is { Length: > 0 } token ? SortKey.Parse(token) : (SortKey?)null;
        var rows = new List<Row>();
        using (var connection = database.Open())
        using (var tx = connection.BeginTransaction(deferred: true))
        {
            var g = ReadModelDatabase.Current(connection, tx);
            if (g is null) return new EntryPage([], 0, null);
            // Without as-of, ordering and paging need only the small columns; the page's JSON is read afterwards.
            var sql = select(g, query.AsOf is null ? "NULL" : "e.data");
            var parameters = new List<(string, object?)> { ("$subject", subject) };
            if (query.AsOf is null)
            {
                // Dates narrow as sources arrive, so as-of filters after recomputing; otherwise the index can.
                if (query.From is { } from) { sql += " AND e.hi >= $from"; parameters.Add(("$from", from.DayNumber)); }
                if (query.To is { } to) { sql += " AND e.lo <= $to"; parameters.Add(("$to", to.DayNumber)); }
            }
            else if (query.AsOf.Position is { } p)
            {
                sql += " AND e.fp <= $asof";
                parameters.Add(("$asof", (long)p.Commit));
            }
            else if (query.AsOf.IngestedBy is { } t)
            {
                sql += " AND e.fi <= $asof";
                parameters.Add(("$asof", t.ToUnixTimeMilliseconds()));
            }
            using var cmd = ReadModelDatabase.Command(connection, tx, sql, parameters.ToArray());
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                    reader.GetInt32(5), reader.GetInt64(6), reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
            reader.Close();
            if (query.AsOf is not null && rows.Count > 0)
            {
                // Recomputing corroboration needs every visible report of the same events, not only the ones naming the subject.
                var ids = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
                using var more = ReadModelDatabase.Command(connection, tx, $"""
                    SELECT e.entry_id, e.data FROM {g}_entries e
                    WHERE e.kh IN (SELECT value FROM json_each($keys)) AND (e.fp <= $p AND e.fi <= $t)
                    """,
                    ("$keys", JsonSerializer.Serialize(rows.Select(r => ReadModelDatabase.KeyHash(r.Key)).Distinct().ToList())),
                    ("$p", query.AsOf.Position is { } ap ? (long)Math.Min(ap.Commit, long.MaxValue) : long.MaxValue),
                    ("$t", query.AsOf.IngestedBy is { } at ? at.ToUnixTimeMilliseconds() : long.MaxValue));
                using var moreReader = more.ExecuteReader();
                while (moreReader.Read())
                    if (ids.Add(moreReader.GetString(0)))
                        rows.Add(new Row(0, moreReader.GetString(0), 0, 0, 0, 0, 0, "", "", moreReader.GetString(1)));
            }
            if (query.AsOf is null) return Page(connection, tx, g, rows, query, after);
        }
        return AsOfPage(rows, query, query.AsOf, after, involves);
    }

    private static EntryPage Page(SqliteConnection connection, SqliteTransaction tx, string g, List<Row> rows, EntryQuery query, SortKey? after)
    {
        var matching = rows.Where(r => query.Types is null || query.Types.Contains(r.Type))
            .Select(r => (Key: new SortKey(r.Lo, r.Hi, r.Ap, r.Pr, r.Fp, r.Id), Row: r))
            .OrderBy(x => x.Key)
            .ToList();
        var page = matching.Where(x => after is null || x.Key.CompareTo(after.Value) > 0).Take(query.PageSize).ToList();
        var next = page.Count == query.PageSize && matching.Count > 0 && page[^1].Key.CompareTo(matching[^1].Key) < 0
            ? page[^1].Key.ToToken()
            : null;
        var data = new Dictionary<long, string>(page.Count);
        if (page.Count > 0)
        {
            using var cmd = ReadModelDatabase.Command(connection, tx,
                $"SELECT rowid, data FROM {g}_entries WHERE rowid IN (SELECT value FROM json_each($ids))",
                ("$ids", JsonSerializer.Serialize(page.Select(x => x.Row.RowId))));
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) data[reader.GetInt64(0)] = reader.GetString(1);
        }
        return new EntryPage(page.Select(x => EntryJson.Deserialize(data[x.Row.RowId])).ToList(), matching.Count, next);
    }

    private static EntryPage AsOfPage(List<Row> rows, EntryQuery query, AsOf asOf, SortKey? after, Func<TimelineEntry, bool> involves)
    {
        var visible = rows.Select(r => EntryJson.Deserialize(r.Data!))
            .SelectMany(e => e.Sources)
            .Where(asOf.Shows)
            .OrderBy(s => s.Position).ThenBy(s => s.EventId)
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

    private static List<DirectoryActor> ReadActors(SqliteConnection connection, SqliteTransaction tx, string sql, params (string, object?)[] parameters)
    {
        using var cmd = ReadModelDatabase.Command(connection, tx, sql, parameters);
        using var reader = cmd.ExecuteReader();
        var actors = new List<DirectoryActor>();
        while (reader.Read())
            actors.Add(EntryJson.DeserializeActor(reader.GetString(0)));
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
