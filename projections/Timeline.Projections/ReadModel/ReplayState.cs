using Microsoft.Data.Sqlite;
using Timeline.EventStore;
using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Model;

namespace Timeline.Projections.ReadModel;

/// <summary>
/// What a replay keeps in memory about the generation it builds, so that folding an event needs no lookup in the
/// database unless a source may really join a stored entry: per corroboration key (hashed) the key's entries in
/// creation order with the day bounds of their dates, and the whole actor directory.
/// </summary>
/// <remarks>
/// A rebuild is a bulk load: the live path's indexed SELECT per key and per actor (<see cref="GenerationWriter"/>)
/// cost more than the rest of the fold. The state is only trusted for the generation and checkpoint it was built
/// or last committed to; anything else (a resumed replay, another process that advanced the same generation, a
/// batch that failed half-way) makes the writer reload it from the generation's tables, so it is a cache of
/// committed data, never a second source of truth.
/// </remarks>
public sealed class ReplayState
{
    /// <summary>
    /// An entry as the index knows it: its row and the day bounds of its date. A struct in a list per key, so the
    /// index of a million entries is a few arrays for the collector, not a million objects it must trace.
    /// </summary>
    internal struct IndexedEntry
    {
        public long RowId;
        public int Lo;
        public int Hi;
    }

    internal Dictionary<long, List<IndexedEntry>> ByKey { get; } = [];
    /// <summary>
    /// Entries that gathered many sources, kept decoded with their stored JSON across batches: otherwise an entry with
    /// hundreds of reports (outages corroborate by country) is read back and decoded whole for every report that
    /// joins it in a later batch. Bounded by <see cref="GatheringBudgetBytes"/> of JSON: when full it is emptied and
    /// only entries with twice as many sources are kept from then on, so the largest entries stay.
    /// </summary>
    internal Dictionary<long, (TimelineEntry Entry, GrowingEntryJson Json, int Bytes)> Gathering { get; } = [];
    internal int GatheringMinSources { get; private set; } = 8;
    private long _gatheringBytes;
    private const long GatheringBudgetBytes = 32L << 20;

    internal void KeepGathering(long rowId, TimelineEntry entry, GrowingEntryJson json)
    {
        if (entry.Sources.Count < GatheringMinSources) return;
        if (Gathering.Remove(rowId, out var before)) _gatheringBytes -= before.Bytes;
        var bytes = json.Length;
        Gathering[rowId] = (entry, json, bytes);
        _gatheringBytes += bytes;
        if (_gatheringBytes <= GatheringBudgetBytes) return;
        Gathering.Clear();
        _gatheringBytes = 0;
        GatheringMinSources *= 2;
    }

    internal Dictionary<string, DirectoryActor?> Directory { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The largest row id of the generation's entries: a replay is the only writer of its generation, so it numbers
    /// new rows itself as it creates them instead of asking SQLite for each one. A batch that does not commit
    /// invalidates the state, which reloads this from the table.
    /// </summary>
    internal long LastRowId { get; set; }

    private string? _generation;
    private LogPosition? _checkpoint;
    private bool _valid;

    internal bool IsValidFor(string generation, LogPosition? checkpoint) =>
        _valid && _generation == generation && _checkpoint == checkpoint;

    internal void Committed(LogPosition checkpoint) => _checkpoint = checkpoint;

    internal void Invalidate() => _valid = false;

    /// <summary>Reads the index and the directory from the generation's tables (empty ones for a fresh generation).</summary>
    internal void Load(SqliteConnection c, SqliteTransaction tx, string g, LogPosition? checkpoint)
    {
        ByKey.Clear();
        Gathering.Clear();
        _gatheringBytes = 0;
        Directory.Clear();
        LastRowId = 0;
        using (var cmd = ReadModelDatabase.Command(c, tx, $"SELECT rowid, kh, lo, hi FROM {g}_entries ORDER BY rowid"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var kh = reader.GetInt64(1);
                LastRowId = Math.Max(LastRowId, reader.GetInt64(0));
                if (!ByKey.TryGetValue(kh, out var list)) ByKey[kh] = list = new List<IndexedEntry>(1);
                list.Add(new IndexedEntry { RowId = reader.GetInt64(0), Lo = reader.GetInt32(2), Hi = reader.GetInt32(3) });
            }
        }
        using (var cmd = ReadModelDatabase.Command(c, tx, $"SELECT actor_id, data FROM {g}_actors"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read()) Directory[reader.GetString(0)] = EntryJson.DeserializeActor(reader.GetFieldValue<byte[]>(1));
        }
        _generation = g;
        _checkpoint = checkpoint;
        _valid = true;
    }
}
