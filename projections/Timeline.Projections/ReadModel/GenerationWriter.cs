using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
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
    /// <param name="replay">
    /// For a replay's generation: the in-memory index and directory that replace the per-key and per-actor lookups
    /// (see <see cref="ReplayState"/>); null for the live generation, which is always read from its tables.
    /// </param>
    public BatchOutcome Apply(SqliteConnection connection, string? target, LogPosition? readAfter, IReadOnlyList<LoggedEvent> batch,
        ReplayState? replay = null)
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

        if (replay is not null && !replay.IsValidFor(g, checkpoint)) replay.Load(connection, tx, g, checkpoint);
        var committed = false;
        try
        {
            new Batch(connection, tx, g, arrivals, replay).Run(fresh);

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
            committed = true;
            replay?.Committed(last.Position);
            return new BatchOutcome.Applied(last.Position, fresh.Count);
        }
        finally
        {
            // The replay state mirrors committed rows only: a batch that did not commit leaves it to be reloaded.
            if (!committed) replay?.Invalidate();
        }
    }

    private static bool IsBefore(LogPosition? checkpoint, LogPosition? readAfter) =>
        readAfter is { } after && (checkpoint is null || checkpoint.Value < after);

    /// <summary>The working set of one batch.</summary>
    /// <remarks>
    /// With a <see cref="ReplayState"/> the candidates of a source come from the in-memory index and only those whose
    /// dates may match are read back; without one (live) they are read per key with an indexed SELECT. Either way
    /// <see cref="EntryBuilder.FindHome"/> sees the key's entries in creation order, so both give the same entries.
    /// </remarks>
    private sealed class Batch(SqliteConnection c, SqliteTransaction tx, string g, ArticleArrivals arrivals, ReplayState? replay)
    {
        private static readonly byte[] EmptyEntryJson = "[]"u8.ToArray();
        private readonly Dictionary<string, List<TimelineEntry>> _entriesByKey = new(StringComparer.Ordinal);
        /// <summary>Row ids of the entries that are already stored, by entry id.</summary>
        private readonly Dictionary<string, long> _rowIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TimelineEntry> _changedEntries = new(StringComparer.Ordinal);
        private readonly HashSet<(string Actor, string Entry)> _actorEntries = [];
        private readonly Dictionary<string, DirectoryActor?> _directory = replay?.Directory ?? new(StringComparer.Ordinal);
        /// <summary>Replay only: the entries this batch read back or created, by row id, with their JSON and index slot.</summary>
        private readonly Dictionary<long, Working> _working = [];
        /// <summary>Replay only: the rows this batch created (inserted, not updated).</summary>
        private readonly HashSet<long> _newRows = [];
        private SqliteCommand? _readEntry;
        private readonly HashSet<string> _changedActors = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _newNames = new(StringComparer.Ordinal);
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

            if (replay is null)
            {
                LoadCandidates(sources.Select(s => s.Source));
                LoadDirectory(sources.SelectMany(s => s.Source.Actors.Select(a => a.Id)));
            }

            foreach (var (e, source) in sources)
            {
                var entry = replay is null ? Fold(source) : FoldFromIndex(replay, source);
                foreach (var actor in EventRouting.ActorsOf(e)) _actorEntries.Add((actor.Value, entry.Id));
                foreach (var actor in source.Actors)
                {
                    var before = _directory.GetValueOrDefault(actor.Id);
                    if (before is null || !before.Names.ContainsKey(actor.Name))
                    {
                        if (!_newNames.TryGetValue(actor.Id, out var added)) _newNames[actor.Id] = added = new HashSet<string>(StringComparer.Ordinal);
                        added.Add(actor.Name);
                    }
                    _directory[actor.Id] = ActorDirectoryFold.Apply(before, actor, source.Occurred);
                    _changedActors.Add(actor.Id);
                }
            }

            WriteArticles();
            WriteEntries();
            _readEntry?.Dispose();
            // Only committed rows may be kept: a batch that fails invalidates the replay state, which empties this.
            if (replay is not null)
                foreach (var (row, working) in _working)
                    replay.KeepGathering(row, working.Entry, working.Json);
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
                entry = EntryBuilder.Joined(home, source);
                candidates[candidates.IndexOf(home)] = entry;
            }
            _changedEntries[entry.Id] = entry;
            return entry;
        }

        /// <summary>
        /// <see cref="Fold"/> for a replay: the key's entries come from the index in creation order, and an entry
        /// is read back from the table only when its dates may match (<see cref="EntryBuilder.WindowOf"/>)
        /// and <see cref="EntryBuilder.FindHome"/> gets that far (it stops at the first entry that agrees).
        /// </summary>
        private TimelineEntry FoldFromIndex(ReplayState state, EntrySource source)
        {
            var kh = ReadModelDatabase.KeyHash(source.Key);
            if (!state.ByKey.TryGetValue(kh, out var slots)) state.ByKey[kh] = slots = new List<ReplayState.IndexedEntry>(1);
            var home = EntryBuilder.FindHome(ReadBack(slots, source), source);
            TimelineEntry entry;
            Working working;
            if (home is null)
            {
                entry = EntryBuilder.Build([source]);
                // A replay is the only writer of its generation, so it numbers rows as it creates them.
                var row = ++state.LastRowId;
                slots.Add(new ReplayState.IndexedEntry { RowId = row });
                working = new Working(entry, new GrowingEntryJson(EmptyEntryJson), slots, slots.Count - 1);
                working.Json.Add(source);
                _working[row] = working;
                _newRows.Add(row);
                _rowIds[entry.Id] = row;
            }
            else
            {
                entry = EntryBuilder.Joined(home, source);
                working = _working[_rowIds[home.Id]];
                working.Entry = entry;
                working.Json.Add(source);
            }
            ref var slot = ref CollectionsMarshal.AsSpan(working.Slots)[working.Index];
            slot.Lo = entry.Occurred.LowerBound.DayNumber;
            slot.Hi = entry.Occurred.UpperBound.DayNumber;
            _changedEntries[entry.Id] = entry;
            return entry;
        }

        private IEnumerable<TimelineEntry> ReadBack(List<ReplayState.IndexedEntry> slots, EntrySource source)
        {
            // FindHome returns before the caller adds to the list, so the list does not change while this runs.
            var window = EntryBuilder.WindowOf(source);
            for (var i = 0; i < slots.Count; i++)
            {
                var slot = slots[i];
                if (!window.Admits(slot.Lo, slot.Hi)) continue;
                if (!_working.TryGetValue(slot.RowId, out var working) && replay!.Gathering.TryGetValue(slot.RowId, out var kept))
                {
                    working = new Working(kept.Entry, kept.Json, slots, i);
                    _working[slot.RowId] = working;
                    _rowIds[working.Entry.Id] = slot.RowId;
                }
                if (working is null)
                {
                    _readEntry ??= Prepare($"SELECT data FROM {g}_entries WHERE rowid = $row", "$row");
                    _readEntry.Parameters[0].Value = slot.RowId;
                    byte[] data;
                    using (var reader = _readEntry.ExecuteReader())
                        data = reader.Read()
                            ? reader.GetFieldValue<byte[]>(0)
                            : throw new InvalidOperationException($"Entry row {slot.RowId} of {g} is missing.");
                    working = new Working(EntryJson.Deserialize(data), new GrowingEntryJson(data), slots, i);
                    _working[slot.RowId] = working;
                    _rowIds[working.Entry.Id] = slot.RowId;
                }
                yield return working.Entry;
            }
        }

        /// <summary>
        /// An entry a replay batch works on: the fold's latest version of it, its stored JSON (a join appends to it),
        /// and its slot in the index. Held by the batch only, so the long-lived index never points at young objects.
        /// </summary>
        private sealed class Working(TimelineEntry entry, GrowingEntryJson json, List<ReplayState.IndexedEntry> slots, int index)
        {
            public TimelineEntry Entry { get; set; } = entry;
            public GrowingEntryJson Json { get; } = json;
            public List<ReplayState.IndexedEntry> Slots { get; } = slots;
            public int Index { get; } = index;
        }

        private void LoadArrivals(List<(TimelineEvent Event, LoggedEvent Logged)> timeline)
        {
            var missing = timeline.Select(t => t.Event.Source.ArticleId.Value).Where(id => !arrivals.TryGet(id, out _)).Distinct().ToList();
            if (missing.Count == 0) return;
            using var cmd = Prepare($"SELECT position, ingested_at FROM {g}_articles WHERE article_id = $id", "$id");
            foreach (var id in missing)
            {
                cmd.Parameters[0].Value = id;
                using var reader = cmd.ExecuteReader();
                if (reader.Read()) arrivals.Remember(id, new Arrival((ulong)reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        /// <summary>Loads the stored entries each new source could join (same key, near dates), one indexed lookup per key.</summary>
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
            using var cmd = Prepare($"SELECT rowid, key, data FROM {g}_entries WHERE kh = $kh AND slo <= $hi AND shi >= $lo ORDER BY fp",
                "$kh", "$lo", "$hi");
            foreach (var (key, (lo, hi)) in windows)
            {
                cmd.Parameters[0].Value = ReadModelDatabase.KeyHash(key);
                cmd.Parameters[1].Value = lo;
                cmd.Parameters[2].Value = hi;
                using var reader = cmd.ExecuteReader();
                List<TimelineEntry>? list = null;
                while (reader.Read())
                {
                    if (reader.GetString(1) != key) continue;
                    if (list is null && !_entriesByKey.TryGetValue(key, out list)) _entriesByKey[key] = list = [];
                    var entry = EntryJson.Deserialize(reader.GetFieldValue<byte[]>(2));
                    _rowIds[entry.Id] = reader.GetInt64(0);
                    list.Add(entry);
                }
            }
        }

        private void LoadDirectory(IEnumerable<string> actorIds)
        {
            using var cmd = Prepare($"SELECT data FROM {g}_actors WHERE actor_id = $id", "$id");
            foreach (var id in actorIds)
            {
                if (_directory.ContainsKey(id)) continue;
                cmd.Parameters[0].Value = id;
                using var reader = cmd.ExecuteReader();
                _directory[id] = reader.Read() ? EntryJson.DeserializeActor(reader.GetFieldValue<byte[]>(0)) : null;
            }
        }

        private void WriteArticles()
        {
            if (_articles.Count > 0) GenerationRows.WriteArticles(c, g, _articles);
        }

        private void WriteEntries()
        {
            using var insert = new BulkStatement(c, GenerationRows.InsertEntrySql(g));
            using var update = new BulkStatement(c, GenerationRows.UpdateEntrySql(g));
            foreach (var entry in _changedEntries.Values)
            {
                // A replay numbered its new rows as it folded them (FoldFromIndex); the live generation lets SQLite do it.
                var known = _rowIds.TryGetValue(entry.Id, out var rowId) && !_newRows.Contains(rowId);
                var statement = GenerationRows.BindEntry(known ? update : insert, entry, includeIdentity: !known);
                if (known || replay is not null) statement.Bind(1, rowId);
                else statement.BindNull(1);
                // A replay's entries carry their JSON from the fold (GrowingEntryJson); the live path serializes.
                byte[]? rented = null;
                if (replay is not null)
                {
                    rented = _working[rowId].Json.Rent(out var length);
                    statement.Bind(15, rented.AsSpan(0, length));
                }
                else
                {
                    statement.Bind(15, EntryJson.Serialize(entry));
                }
                statement.Run();
                // SQLite copied the bytes when they were bound.
                if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
                if (!known) _rowIds[entry.Id] = replay is null ? statement.LastRowId : rowId;
            }
        }

        private void WriteActorEntries()
        {
            var rows = new (string Actor, long Row)[_actorEntries.Count];
            var at = 0;
            foreach (var (actor, entry) in _actorEntries) rows[at++] = (actor, _rowIds[entry]);
            GenerationRows.WriteActorEntries(c, g, rows);
        }

        private void WriteDirectory() =>
            GenerationRows.WriteDirectory(c, g, _changedActors.Select(id => _directory[id]!),
                actor => _newNames.TryGetValue(actor.Id, out var added) ? added : []);

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            foreach (var name in parameters) cmd.Parameters.Add(new SqliteParameter(name, null));
            cmd.Prepare();
            return cmd;
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
