using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.EventStore;
using Timeline.Projections.Corroboration;
using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Model;
using Timeline.Projections.Routing;

namespace Timeline.Projections.ReadModel;

/// <summary>An event of the log as the projections see it; <see cref="Event"/> is null for events they ignore.</summary>
public readonly record struct LoggedEvent(LogPosition Position, Guid EventId, DateTimeOffset Created, IDomainEvent? Event);

/// <summary>What applying a batch did.</summary>
public abstract record BatchOutcome
{
    private BatchOutcome() { }
    /// <summary>Committed; the generation's checkpoint is now <paramref name="Checkpoint"/>.</summary>
    public sealed record Applied(LogPosition Checkpoint, int EventsApplied) : BatchOutcome;
    /// <summary>
    /// The generation's checkpoint is behind what this runner has already read (a replay swapped in a generation
    /// built up to an earlier position): nothing was written; read again after <paramref name="Checkpoint"/>.
    /// </summary>
    public sealed record Behind(LogPosition? Checkpoint) : BatchOutcome;
}

/// <summary>
/// Applies batches of events to one generation: the routing step and the folds run over an in-memory working
/// set loaded for the batch, and every change plus the new checkpoint is written in ONE transaction. A crash
/// before the commit leaves the old checkpoint and none of the changes; events at or before the stored checkpoint
/// are skipped, so applying a batch twice (a retry, or a second process) changes nothing.
/// </summary>
public sealed class GenerationWriter(ArticleArrivals arrivals)
{
    /// <param name="target">The generation to write, or null for whichever is current when the transaction starts.</param>
    /// <param name="readAfter">The position the caller read from (exclusive); null when it read from the start.</param>
    public BatchOutcome Apply(SqliteConnection connection, string? target, LogPosition? readAfter, IReadOnlyList<LoggedEvent> batch)
    {
        using var tx = ReadModelDatabase.BeginWrite(connection);
        var g = target ?? ReadModelDatabase.Current(connection, tx)
            ?? throw new InvalidOperationException("The read model has no current generation.");
        var info = ReadModelDatabase.ReadInfo(connection, tx, g);
        var checkpoint = info.Checkpoint;
        if (IsBefore(checkpoint, readAfter)) return new BatchOutcome.Behind(checkpoint);

        var fresh = new List<LoggedEvent>(batch.Count);
        foreach (var e in batch)
            if (checkpoint is null || e.Position > checkpoint.Value) fresh.Add(e);
        if (fresh.Count == 0)
        {
            tx.Commit();
            return new BatchOutcome.Applied(checkpoint ?? batch[^1].Position, 0);
        }

        var work = new Batch(connection, tx, g, arrivals);
        work.Run(fresh);

        var last = fresh[^1];
        if (info.FirstEventId is null)
        {
            // The store was empty when the generation was made: its identity is its first event.
            var first = fresh[0];
            if (checkpoint is null)
            {
                ReadModelDatabase.SetMeta(connection, tx, g, "first_event", first.EventId.ToString());
                ReadModelDatabase.SetMeta(connection, tx, g, "first_position", first.Position.ToString());
            }
        }
        ReadModelDatabase.SetMeta(connection, tx, g, "checkpoint", last.Position.ToString());
        ReadModelDatabase.SetMeta(connection, tx, g, "checkpoint_event", last.EventId.ToString());
        ReadModelDatabase.SetMeta(connection, tx, g, "events_processed",
            (info.EventsProcessed + fresh.Count).ToString(CultureInfo.InvariantCulture));
        tx.Commit();
        return new BatchOutcome.Applied(last.Position, fresh.Count);
    }

    private static bool IsBefore(LogPosition? checkpoint, LogPosition? readAfter) =>
        readAfter is { } after && (checkpoint is null || checkpoint.Value < after);

    /// <summary>The working set of one batch.</summary>
    private sealed class Batch(SqliteConnection c, SqliteTransaction tx, string g, ArticleArrivals arrivals)
    {
        private readonly Dictionary<string, List<TimelineEntry>> _entriesByKey = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TimelineEntry> _changedEntries = new(StringComparer.Ordinal);
        private readonly HashSet<(string Actor, string Entry)> _actorEntries = [];
        private readonly Dictionary<string, DirectoryActor?> _directory = new(StringComparer.Ordinal);
        private readonly HashSet<string> _changedActors = new(StringComparer.Ordinal);
        private readonly List<(string Article, ulong Position, long IngestedAt)> _articles = [];

        public void Run(List<LoggedEvent> events)
        {
            var timeline = new List<(TimelineEvent Event, LoggedEvent Logged)>(events.Count);
            foreach (var e in events)
            {
                if (e.Event is ArticleIngested a)
                {
                    var ingested = a.IngestedAt.ToUnixTimeMilliseconds();
                    arrivals.Remember(a.ArticleId.Value, new Arrival(e.Position.Commit, ingested));
                    _articles.Add((a.ArticleId.Value, e.Position.Commit, ingested));
                }
                else if (e.Event is TimelineEvent t)
                {
                    timeline.Add((t, e));
                }
            }
            if (timeline.Count == 0)
            {
                WriteArticles();
                return;
            }

            LoadArrivals(timeline);
            var sources = new List<(TimelineEvent Event, EntrySource Source)>(timeline.Count);
            foreach (var (e, logged) in timeline)
            {
                var ingestedAt = arrivals.TryGet(e.Source.ArticleId.Value, out var arrival)
                    ? arrival.IngestedAtMs
                    : logged.Created.ToUnixTimeMilliseconds();
                sources.Add((e, EventRouting.ToSource(e, new Arrival(logged.Position.Commit, ingestedAt))));
            }

            LoadCandidates(sources.Select(s => s.Source));
            LoadDirectory(sources.SelectMany(s => s.Source.Actors.Select(a => a.Id)));

            foreach (var (e, source) in sources)
            {
                var entry = Fold(source);
                foreach (var actor in EventRouting.ActorsOf(e)) _actorEntries.Add((actor.Value, entry.Id));
                foreach (var actor in source.Actors)
                {
                    _directory[actor.Id] = ActorDirectoryFold.Apply(_directory.GetValueOrDefault(actor.Id), actor, source.Occurred);
                    _changedActors.Add(actor.Id);
                }
            }

            WriteArticles();
            WriteEntries();
            WriteActorEntries();
            WriteDirectory();
        }

        private TimelineEntry Fold(EntrySource source)
        {
            if (!_entriesByKey.TryGetValue(source.Key, out var candidates)) _entriesByKey[source.Key] = candidates = [];
            var home = EntryBuilder.FindHome(candidates, source);
            TimelineEntry entry;
            if (home is null)
            {
                entry = EntryBuilder.Build([source]);
                candidates.Add(entry);
            }
            else
            {
                entry = EntryBuilder.Build([.. home.Sources, source]);
                candidates[candidates.IndexOf(home)] = entry;
            }
            _changedEntries[entry.Id] = entry;
            return entry;
        }

        private void LoadArrivals(List<(TimelineEvent Event, LoggedEvent Logged)> timeline)
        {
            var missing = timeline.Select(t => t.Event.Source.ArticleId.Value).Where(id => !arrivals.TryGet(id, out _)).Distinct().ToList();
            if (missing.Count == 0) return;
            using var cmd = ReadModelDatabase.Command(c, tx,
                $"SELECT a.article_id, a.position, a.ingested_at FROM json_each($ids) j JOIN {g}_articles a ON a.article_id = j.value",
                ("$ids", JsonSerializer.Serialize(missing)));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                arrivals.Remember(reader.GetString(0), new Arrival((ulong)reader.GetInt64(1), reader.GetInt64(2)));
        }

        /// <summary>Loads, in one query, the stored entries each new source could join (same key, near dates).</summary>
        private void LoadCandidates(IEnumerable<EntrySource> sources)
        {
            var windows = new Dictionary<string, (int Lo, int Hi)>(StringComparer.Ordinal);
            foreach (var s in sources)
            {
                var w = EntryBuilder.SearchWindowDays(s.Type);
                var lo = s.Occurred.LowerBound.DayNumber - w;
                var hi = s.Occurred.UpperBound.DayNumber + w;
                windows[s.Key] = windows.TryGetValue(s.Key, out var known) ? (Math.Min(lo, known.Lo), Math.Max(hi, known.Hi)) : (lo, hi);
            }
            var json = Json(writer =>
            {
                writer.WriteStartArray();
                foreach (var (key, (lo, hi)) in windows)
                {
                    writer.WriteStartObject();
                    writer.WriteString("k", key);
                    writer.WriteNumber("lo", lo);
                    writer.WriteNumber("hi", hi);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            });
            using var cmd = ReadModelDatabase.Command(c, tx, $"""
                SELECT e.entry_id, e.data FROM json_each($q) q
                JOIN {g}_entries e ON e.key = q.value ->> 'k' AND e.slo <= q.value ->> 'hi' AND e.shi >= q.value ->> 'lo'
                ORDER BY e.fp
                """, ("$q", json));
            using var reader = cmd.ExecuteReader();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                if (!seen.Add(reader.GetString(0))) continue;
                var entry = EntryJson.Deserialize(reader.GetString(1));
                if (!_entriesByKey.TryGetValue(entry.Key, out var list)) _entriesByKey[entry.Key] = list = [];
                list.Add(entry);
            }
        }

        private void LoadDirectory(IEnumerable<string> actorIds)
        {
            var ids = actorIds.Distinct(StringComparer.Ordinal).ToList();
            foreach (var id in ids) _directory[id] = null;
            using var cmd = ReadModelDatabase.Command(c, tx,
                $"SELECT a.actor_id, a.data FROM json_each($ids) j JOIN {g}_actors a ON a.actor_id = j.value",
                ("$ids", JsonSerializer.Serialize(ids)));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                _directory[reader.GetString(0)] = JsonSerializer.Deserialize<DirectoryActor>(reader.GetString(1), EventJson.Options);
        }

        private void WriteArticles()
        {
            if (_articles.Count == 0) return;
            var json = Json(w =>
            {
                w.WriteStartArray();
                foreach (var (article, position, ingested) in _articles)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(article);
                    w.WriteNumberValue(position);
                    w.WriteNumberValue(ingested);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            });
            ReadModelDatabase.Execute(c, tx, $"""
                INSERT OR IGNORE INTO {g}_articles(article_id, position, ingested_at)
                SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each($rows)
                """, ("$rows", json));
        }

        private void WriteEntries()
        {
            var json = Json(w =>
            {
                w.WriteStartArray();
                foreach (var entry in _changedEntries.Values)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(entry.Id);
                    w.WriteStringValue(entry.Key);
                    w.WriteStringValue(entry.Type);
                    w.WriteStringValue(entry.Country);
                    w.WriteNumberValue(entry.Occurred.LowerBound.DayNumber);
                    w.WriteNumberValue(entry.Occurred.UpperBound.DayNumber);
                    w.WriteNumberValue(entry.Occurred.IsApproximate ? 1 : 0);
                    w.WriteNumberValue((int)entry.Occurred.Precision);
                    w.WriteNumberValue(entry.FirstPosition);
                    w.WriteNumberValue(entry.Sources.Min(s => s.IngestedAtMs));
                    w.WriteNumberValue(entry.Sources.Min(s => s.Occurred.LowerBound.DayNumber));
                    w.WriteNumberValue(entry.Sources.Max(s => s.Occurred.UpperBound.DayNumber));
                    w.WriteStringValue(EntryJson.Serialize(entry));
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            });
            ReadModelDatabase.Execute(c, tx, $"""
                INSERT OR REPLACE INTO {g}_entries(entry_id, key, type, country, lo, hi, ap, pr, fp, fi, slo, shi, data)
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
                       value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12
                FROM json_each($rows)
                """, ("$rows", json));
        }

        private void WriteActorEntries()
        {
            var json = Json(w =>
            {
                w.WriteStartArray();
                foreach (var (actor, entry) in _actorEntries)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(actor);
                    w.WriteStringValue(entry);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            });
            ReadModelDatabase.Execute(c, tx, $"""
                INSERT OR IGNORE INTO {g}_entry_actors(actor_id, entry_id) SELECT value ->> 0, value ->> 1 FROM json_each($rows)
                """, ("$rows", json));
        }

        private void WriteDirectory()
        {
            var names = new HashSet<(string Key, string Actor)>();
            var json = Json(w =>
            {
                w.WriteStartArray();
                foreach (var id in _changedActors)
                {
                    var actor = _directory[id]!;
                    w.WriteStartArray();
                    w.WriteStringValue(actor.Id);
                    w.WriteStringValue(actor.Name);
                    w.WriteStringValue(actor.Kind);
                    w.WriteNumberValue(actor.EventCount);
                    w.WriteStringValue(JsonSerializer.Serialize(actor, EventJson.Options));
                    w.WriteEndArray();
                    foreach (var name in actor.Names.Keys)
                        foreach (var key in ActorDirectoryFold.LookupKeys(actor.Id, name))
                            if (key.Length > 0) names.Add((key, actor.Id));
                }
                w.WriteEndArray();
            });
            ReadModelDatabase.Execute(c, tx, $"""
                INSERT OR REPLACE INTO {g}_actors(actor_id, name, kind, event_count, data)
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each($rows)
                """, ("$rows", json));
            var namesJson = Json(w =>
            {
                w.WriteStartArray();
                foreach (var (key, actor) in names)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(key);
                    w.WriteStringValue(actor);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            });
            ReadModelDatabase.Execute(c, tx, $"""
                INSERT OR IGNORE INTO {g}_actor_names(name_key, actor_id) SELECT value ->> 0, value ->> 1 FROM json_each($rows)
                """, ("$rows", namesJson));
        }

        private static string Json(Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                write(writer);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}

/// <summary>When each article arrived (its <c>ArticleIngested</c>): immutable facts of the log, so safe to cache.</summary>
public sealed class ArticleArrivals
{
    private const int Capacity = 50_000;
    private readonly Dictionary<string, Arrival> _known = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public void Remember(string articleId, Arrival arrival)
    {
        lock (_gate)
        {
            // Articles' events follow their ArticleIngested closely; a simple reset bounds memory on huge logs.
            if (_known.Count >= Capacity) _known.Clear();
            _known[articleId] = arrival;
        }
    }

    public bool TryGet(string articleId, out Arrival arrival)
    {
        lock (_gate) return _known.TryGetValue(articleId, out arrival);
    }
}

/// <summary>The stored JSON of entries: the same converters as the stored events (EDTF dates, camelCase).</summary>
public static class EntryJson
{
    public static string Serialize(TimelineEntry entry) => JsonSerializer.Serialize(entry, EventJson.Options);
    public static TimelineEntry Deserialize(string json) =>
        JsonSerializer.Deserialize<TimelineEntry>(json, EventJson.Options) ?? throw new JsonException("An entry's stored JSON is null.");
}
