using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Model;
using Microsoft.Data.Sqlite;

namespace Timeline.Projections.ReadModel;

/// <summary>
/// The rows of a generation as both writers make them (<see cref="GenerationWriter"/> in log order,
/// <see cref="KeyByKeyRebuild"/> key by key), on the connection's open transaction.
/// </summary>
internal static class GenerationRows
{
    public static string InsertEntrySql(string g) => $"""
        INSERT INTO {g}_entries(rowid, entry_id, kh, key, type, country, lo, hi, ap, pr, fp, fi, slo, shi, data)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
        """;

    public static string UpdateEntrySql(string g) => $"""
        UPDATE {g}_entries SET lo = ?7, hi = ?8, ap = ?9, pr = ?10, fp = ?11, fi = ?12, slo = ?13, shi = ?14, data = ?15
        WHERE rowid = ?1
        """;

    /// <summary>
    /// Binds parameters 2–14 of <see cref="InsertEntrySql"/> (only 7–14 for <see cref="UpdateEntrySql"/>, whose row
    /// keeps its identity); the caller binds the row (1) and the JSON (15).
    /// </summary>
    public static BulkStatement BindEntry(BulkStatement statement, TimelineEntry entry, bool includeIdentity)
    {
        long firstIngested = long.MaxValue;
        int spanLo = int.MaxValue, spanHi = int.MinValue;
        foreach (var s in entry.Sources)
        {
            firstIngested = Math.Min(firstIngested, s.IngestedAtMs);
            spanLo = Math.Min(spanLo, s.Occurred.LowerBound.DayNumber);
            spanHi = Math.Max(spanHi, s.Occurred.UpperBound.DayNumber);
        }
        if (includeIdentity)
            statement.Bind(2, entry.Id).Bind(3, ReadModelDatabase.KeyHash(entry.Key)).Bind(4, entry.Key).Bind(5, entry.Type).Bind(6, entry.Country);
        return statement
            .Bind(7, entry.Occurred.LowerBound.DayNumber)
            .Bind(8, entry.Occurred.UpperBound.DayNumber)
            .Bind(9, entry.Occurred.IsApproximate ? 1 : 0)
            .Bind(10, (int)entry.Occurred.Precision)
            .Bind(11, (long)entry.FirstPosition)
            .Bind(12, firstIngested)
            .Bind(13, spanLo)
            .Bind(14, spanHi);
    }

    public static void WriteArticles(SqliteConnection c, string g, IEnumerable<(string Article, ulong Position, long IngestedAt)> articles)
    {
        using var insert = new BulkStatement(c, $"INSERT OR IGNORE INTO {g}_articles(article_id, position, ingested_at) VALUES (?1, ?2, ?3)");
        foreach (var (article, position, ingested) in articles)
            insert.Bind(1, article).Bind(2, (long)position).Bind(3, ingested).Run();
    }

    /// <summary>Links actors to entry rows; sorts <paramref name="links"/> in place.</summary>
    public static void WriteActorEntries(SqliteConnection c, string g, Span<(string Actor, long Row)> links)
    {
        // In key order: each insert lands next to the previous one in the B-tree instead of on a random page.
        links.Sort(static (a, b) => string.CompareOrdinal(a.Actor, b.Actor) is var byActor and not 0 ? byActor : a.Row.CompareTo(b.Row));
        using var insert = new BulkStatement(c, $"INSERT OR IGNORE INTO {g}_entry_actors(actor_id, entry) VALUES (?1, ?2)");
        foreach (var (actor, row) in links) insert.Bind(1, actor).Bind(2, row).Run();
    }

    /// <summary>
    /// <see cref="WriteActorEntries(SqliteConnection, string, Span{ValueTuple{string, long}})"/> for links that name
    /// their actor by its index in <paramref name="actorIds"/>; renumbers and sorts <paramref name="links"/> in place.
    /// </summary>
    public static void WriteActorEntries(SqliteConnection c, string g, IReadOnlyList<string> actorIds, Span<(int Actor, long Row)> links)
    {
        // Numbered in key order, so that sorting the numbers sorts the links as the table does.
        var byId = new int[actorIds.Count];
        for (var i = 0; i < byId.Length; i++) byId[i] = i;
        Array.Sort(byId, (a, b) => string.CompareOrdinal(actorIds[a], actorIds[b]));
        var rank = new int[byId.Length];
        var utf8 = new byte[byId.Length][];
        for (var r = 0; r < byId.Length; r++)
        {
            rank[byId[r]] = r;
            utf8[r] = System.Text.Encoding.UTF8.GetBytes(actorIds[byId[r]]);
        }
        foreach (ref var link in links) link.Actor = rank[link.Actor];
        links.Sort();

        using var insert = new BulkStatement(c, $"INSERT OR IGNORE INTO {g}_entry_actors(actor_id, entry) VALUES (?1, ?2)");
        var bound = -1;
        long boundRow = -1;
        foreach (var (actor, row) in links)
        {
            // A link that repeats the one before (two sources of an entry name the actor) would be ignored anyway.
            if (actor == bound && row == boundRow) continue;
            // SQLite keeps a value bound until it is bound again: the links of one actor bind its id once.
            if (actor != bound) insert.BindText(1, utf8[actor]);
            insert.Bind(2, row).Run();
            bound = actor;
            boundRow = row;
        }
    }

    /// <summary>Writes directory rows and the lookup keys of the names <paramref name="newNames"/> gives for each.</summary>
    public static void WriteDirectory(SqliteConnection c, string g, IEnumerable<DirectoryActor> actors, Func<DirectoryActor, IEnumerable<string>> newNames)
    {
        using var rows = new BulkStatement(c,
            $"INSERT OR REPLACE INTO {g}_actors(actor_id, name, kind, event_count, data) VALUES (?1, ?2, ?3, ?4, ?5)");
        using var names = new BulkStatement(c, $"INSERT OR IGNORE INTO {g}_actor_names(name_key, actor_id) VALUES (?1, ?2)");
        foreach (var actor in actors)
        {
            rows.Bind(1, actor.Id).Bind(2, actor.Name).Bind(3, actor.Kind).Bind(4, actor.EventCount).Bind(5, EntryJson.Serialize(actor)).Run();
            foreach (var name in newNames(actor))
                foreach (var key in ActorDirectoryFold.LookupKeys(actor.Id, name).Distinct(StringComparer.Ordinal))
                {
                    if (key.Length == 0) continue;
                    names.Bind(1, key).Bind(2, actor.Id).Run();
                }
        }
    }
}
