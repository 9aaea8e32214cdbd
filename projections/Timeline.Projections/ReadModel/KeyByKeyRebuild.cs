using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Timeline.Domain.Events;
using Timeline.EventStore;
using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Corroboration;
using Timeline.Projections.Model;
using Timeline.Projections.Routing;

namespace Timeline.Projections.ReadModel;

/// <summary>What a key-by-key rebuild reports as it goes: the log it has read, then the reports it has folded.</summary>
public readonly record struct RebuildProgress(string Stage, LogPosition? Position, long Done, long Total, double PerSecond, TimeSpan? Eta);

/// <summary>
/// Rebuilds an empty generation up to a fixed head in two passes instead of in log order, so each entry is made in
/// memory from all its sources and written once. Folding the log in order makes every transaction read back and
/// rewrite the entries its events join (an entry that gathers a hundred reports is rewritten in most transactions),
/// which held a 1,000,000-event replay near 12,000 events/s however the transactions were sized.
/// <list type="number">
/// <item>Read: the log is read once (decoded on every core, folded in log order); each report becomes its stored
/// source JSON, spilled to one of a few files by its corroboration key; the articles and the actor directory
/// (small) are folded in memory and committed with the plan when the pass ends.</item>
/// <item>Fold: one file at a time, its reports are folded key by key (<see cref="EntryBuilder.FindHome"/> over the
/// key's entries in creation order, exactly as in log order, because the fold only ever looks at entries of the
/// same key) and its entries and actor links are committed with the count of files done.</item>
/// </list>
/// A crash while reading leaves nothing committed, and the next start reads again; a crash while folding resumes at
/// the first file not committed. The generation gets its checkpoint (the head) only when every file is folded.
/// </summary>
internal sealed class KeyByKeyRebuild(IEventStore store, SqliteConnection connection, string folder, string g)
{

    private const int ChunkSize = 1024;
    private const string PlanKey = "rebuild_plan";
    private const string FoldedKey = "rebuild_folded";

    /// <summary>What the reading pass found, committed with its results: the fold pass and a resumed rebuild need it.</summary>
    /// <param name="SpillFormat">The <see cref="SpilledSource.Format"/> its files were written in.</param>
    private sealed record Plan(LogPosition Head, string HeadEventId, long Events, string? FirstEventId, string? FirstPosition,
        long[] FileLengths, long[] FileReports, int SpillFormat)
    {
        public string Serialize() => string.Join(';', Head.ToString(), HeadEventId, Events.ToString(CultureInfo.InvariantCulture),
            FirstEventId ?? "", FirstPosition ?? "", Numbers(FileLengths), Numbers(FileReports), SpillFormat.ToString(CultureInfo.InvariantCulture));

        public static Plan Parse(string text)
        {
            var parts = text.Split(';');
            // Plans of the first format had no format field.
            var format = parts.Length > 7 ? int.Parse(parts[7], CultureInfo.InvariantCulture) : 1;
            return new Plan(LogPosition.Parse(parts[0]), parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture),
                parts[3].Length == 0 ? null : parts[3], parts[4].Length == 0 ? null : parts[4], Numbers(parts[5]), Numbers(parts[6]), format);
        }

        private static string Numbers(long[] values) => string.Join(',', values.Select(l => l.ToString(CultureInfo.InvariantCulture)));

        private static long[] Numbers(string text) => text.Split(',').Select(l => long.Parse(l, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Whether <paramref name="g"/> may be rebuilt key by key: nothing applied yet, or a rebuild of it is under way.</summary>
    public static bool Applies(SqliteConnection c, string g)
    {
        var info = ReadModelDatabase.ReadInfo(c, null, g);
        return info.Checkpoint is null && (info.EventsProcessed == 0 || ReadPlan(c, g) is not null);
    }

    /// <summary>The folder that holds the spill files of generation <paramref name="g"/>, beside the read-model file.</summary>
    public static string FolderFor(ReadModelDatabase database, string g) =>
        Path.Combine(Path.GetDirectoryName(database.Path)!, $"{Path.GetFileNameWithoutExtension(database.Path)}.{g}.rebuild");

    /// <summary>Rebuilds up to <paramref name="head"/> (or the head of a rebuild under way) and commits the checkpoint; returns the events applied.</summary>
    /// <param name="reportEvery">Progress is reported every this many events read, and after each file folded.</param>
    public async Task<long> Run(LogPosition head, int reportsPerFile, int reportEvery, Action<RebuildProgress>? progress, CancellationToken cancellationToken)
    {
        var plan = ReadPlan(connection, g);
        if (plan is not null && (plan.SpillFormat != SpilledSource.Format || !FilesIntact(plan)))
        {
            // Folded files point at spill files that are gone or torn (the folder was removed, or an OS crash lost
            // pages), or that an earlier build wrote in a layout this one would misread (a rebuild interrupted, then
            // resumed after an upgrade): the generation's rows cannot be trusted to be complete, so it starts again from nothing.
            Clear();
            plan = null;
        }
        plan ??= await Read(head, reportsPerFile, reportEvery, progress, cancellationToken).ConfigureAwait(false);
        await Fold(plan, progress, cancellationToken).ConfigureAwait(false);
        Finish(plan);
        return plan.Events;
    }

    private static Plan? ReadPlan(SqliteConnection c, string g) =>
        ReadModelDatabase.Scalar(c, null, $"SELECT value FROM {g}_meta WHERE key = $k", ("$k", PlanKey)) is string text ? Plan.Parse(text) : null;

    private string FileOf(int index) => Path.Combine(folder, index.ToString("D4", CultureInfo.InvariantCulture) + ".spill");

    private bool FilesIntact(Plan plan)
    {
        for (var i = 0; i < plan.FileLengths.Length; i++)
            if (!File.Exists(FileOf(i)) || new FileInfo(FileOf(i)).Length != plan.FileLengths[i]) return false;
        return true;
    }

    private void Clear()
    {
        using var tx = ReadModelDatabase.BeginWrite(connection);
        foreach (var table in new[] { "entries", "entry_actors", "actors", "actor_names", "articles" })
            ReadModelDatabase.Execute(connection, tx, $"DELETE FROM {g}_{table}");
        ReadModelDatabase.Execute(connection, tx, $"DELETE FROM {g}_meta WHERE key IN ($p, $f)", ("$p", PlanKey), ("$f", FoldedKey));
        tx.Commit();
    }

    // ---- pass 1: read -------------------------------------------------------------------------------------------

    private async Task<Plan> Read(LogPosition head, int reportsPerFile, int reportEvery, Action<RebuildProgress>? progress, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var files = (int)Math.Clamp(Math.Ceiling(head.Commit / (double)Math.Max(1, reportsPerFile)), 1, 256);
        var spills = new SpillWriter[files];
        for (var i = 0; i < files; i++) spills[i] = new SpillWriter(FileOf(i));

        var arrivals = new Dictionary<string, Arrival>(StringComparer.Ordinal);
        var articles = new List<(string Article, ulong Position, long IngestedAt)>();
        var directory = new Dictionary<string, ActorDirectoryFold.Tally>(StringComparer.Ordinal);
        long events = 0;
        LoggedEvent? first = null, last = null;
        var clock = Stopwatch.StartNew();
        var sinceReport = 0;

        try
        {
            await foreach (var chunk in Decoded(head, cancellationToken).ConfigureAwait(false))
            {
                foreach (var logged in chunk)
                {
                    events++;
                    first ??= logged;
                    last = logged;
                    if (progress is not null && ++sinceReport >= reportEvery)
                    {
                        sinceReport = 0;
                        var done = (double)logged.Position.Commit;
                        var rate = events / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
                        progress(new RebuildProgress("replaying", logged.Position, events, (long)head.Commit, rate,
                            rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, head.Commit - done) / rate) : null));
                    }
                    if (logged.Event is ArticleIngested a)
                    {
                        var ingested = a.IngestedAt.ToUnixTimeMilliseconds();
                        // As the articles table: the first arrival of an article is the one kept.
                        if (arrivals.TryAdd(a.ArticleId.Value, new Arrival(logged.Position.Commit, ingested)))
                            articles.Add((a.ArticleId.Value, logged.Position.Commit, ingested));
                        continue;
                    }
                    if (logged.Event is not TimelineEvent e) continue;
                    var ingestedAt = arrivals.TryGetValue(e.Source.ArticleId.Value, out var arrival)
                        ? arrival.IngestedAtMs
                        : logged.Created.ToUnixTimeMilliseconds();
                    var source = EventRouting.ToSource(e, new Arrival(logged.Position.Commit, ingestedAt));
                    foreach (var actor in source.Actors)
                    {
                        if (directory.TryGetValue(actor.Id, out var tally)) tally.Add(actor, source.Occurred);
                        else directory[actor.Id] = new ActorDirectoryFold.Tally(actor, source.Occurred);
                    }
                    var file = (int)((ulong)ReadModelDatabase.KeyHash(source.Key) % (ulong)files);
                    spills[file].Write(source, EventRouting.ActorsOf(e));
                }
            }
        }
        finally
        {
            foreach (var spill in spills) spill.Dispose();
        }

        var lengths = Enumerable.Range(0, files).Select(i => new FileInfo(FileOf(i)).Length).ToArray();
        var plan = new Plan(last?.Position ?? head, last?.EventId.ToString() ?? "", events,
            first?.EventId.ToString(), first?.Position.ToString(), lengths, spills.Select(s => s.Reports).ToArray(), SpilledSource.Format);
        using var tx = ReadModelDatabase.BeginWrite(connection);
        GenerationRows.WriteArticles(connection, g, articles);
        GenerationRows.WriteDirectory(connection, g, directory.Values.Select(t => t.ToActor()), actor => actor.Names.Keys);
        ReadModelDatabase.SetMeta(connection, tx, g, PlanKey, plan.Serialize());
        ReadModelDatabase.SetMeta(connection, tx, g, FoldedKey, "0");
        tx.Commit();
        return plan;
    }

    /// <summary>The log up to <paramref name="head"/>, decoded in chunks on the thread pool and handed over in log order.</summary>
    private async IAsyncEnumerable<List<LoggedEvent>> Decoded(LogPosition head,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateBounded<Task<List<LoggedEvent>>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(async () =>
        {
            try
            {
                var raw = new List<RecordedEvent>(ChunkSize);
                await foreach (var recorded in store.ReadAll(ReadDirection.Forwards, LogPosition.Start, long.MaxValue, stop.Token).ConfigureAwait(false))
                {
                    if (recorded.Position > head) break;
                    raw.Add(recorded);
                    if (raw.Count < ChunkSize) continue;
                    var full = raw;
                    await chunks.Writer.WriteAsync(Task.Run(() => Decode(full), stop.Token), stop.Token).ConfigureAwait(false);
                    raw = new List<RecordedEvent>(ChunkSize);
                }
                if (raw.Count > 0) await chunks.Writer.WriteAsync(Task.FromResult(Decode(raw)), stop.Token).ConfigureAwait(false);
                chunks.Writer.Complete();
            }
            catch (Exception ex)
            {
                chunks.Writer.Complete(ex);
            }
        }, stop.Token);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return await chunk.ConfigureAwait(false);
            await reader.ConfigureAwait(false);
        }
        finally
        {
            stop.Cancel();
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped because the consumer finished or failed first.
            }
        }
    }

    private static List<LoggedEvent> Decode(List<RecordedEvent> raw)
    {
        var decoded = new List<LoggedEvent>(raw.Count);
        foreach (var recorded in raw) decoded.Add(Runner.ProjectionRunner.Decode(recorded));
        return decoded;
    }

    // ---- pass 2: fold -------------------------------------------------------------------------------------------

    private async Task Fold(Plan plan, Action<RebuildProgress>? progress, CancellationToken cancellationToken)
    {
        var folded = int.Parse(ReadModelDatabase.Scalar(connection, null, $"SELECT value FROM {g}_meta WHERE key = $k", ("$k", FoldedKey)) as string ?? "0",
            CultureInfo.InvariantCulture);
        var lastRow = ReadModelDatabase.Scalar(connection, null, $"SELECT max(rowid) FROM {g}_entries") is long max ? max : 0;
        var total = plan.FileReports.Sum();
        var done = plan.FileReports.Take(folded).Sum();
        var clock = Stopwatch.StartNew();
        var start = done;
        // While one file's entries are written, the next one is read and folded on another core.
        Task<FoldedFile>? next = folded < plan.FileLengths.Length ? Task.Run(() => FoldFile(folded), cancellationToken) : null;
        for (var i = folded; i < plan.FileLengths.Length; i++)
        {
            var file = await next!.ConfigureAwait(false);
            var following = i + 1;
            next = following < plan.FileLengths.Length ? Task.Run(() => FoldFile(following), cancellationToken) : null;
            cancellationToken.ThrowIfCancellationRequested();
            using (var tx = ReadModelDatabase.BeginWrite(connection))
            {
                lastRow = Write(file, lastRow);
                ReadModelDatabase.SetMeta(connection, tx, g, FoldedKey, (i + 1).ToString(CultureInfo.InvariantCulture));
                tx.Commit();
            }
            done += plan.FileReports[i];
            if (progress is null) continue;
            var rate = (done - start) / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            progress(new RebuildProgress("folding", plan.Head, done, total, rate, rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : null));
        }
    }

    /// <summary>An entry made from one file, with the actors each of its sources names and its day bounds for the search.</summary>
    private sealed class FoldedEntry
    {
        private TimelineEntry _entry = null!;

        public FoldedEntry(TimelineEntry entry) => Entry = entry;

        public TimelineEntry Entry
        {
            get => _entry;
            set
            {
                _entry = value;
                // Kept as numbers: the search looks at them for every report of the key.
                Lo = value.Occurred.LowerBound.DayNumber;
                Hi = value.Occurred.UpperBound.DayNumber;
            }
        }

        public int Lo { get; private set; }
        public int Hi { get; private set; }
        public List<string[]> ActorsBySource { get; } = new(1);
    }

    private sealed record FoldedFile(List<FoldedEntry> Entries);

    /// <summary>
    /// Two buffers for the files in flight: the one being written and the next one being folded. Spill files are a few
    /// tens of MB, so a new array per file would be a large-object allocation, and a full collection, each time.
    /// </summary>
    private readonly byte[]?[] _buffers = new byte[2][];

    private FoldedFile FoldFile(int index)
    {
        using var stream = new FileStream(FileOf(index), FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var length = checked((int)stream.Length);
        ref var buffer = ref _buffers[index % 2];
        if (buffer is null || buffer.Length < length) buffer = new byte[length];
        stream.ReadExactly(buffer, 0, length);

        var entries = new List<FoldedEntry>();
        var byKey = new Dictionary<string, List<FoldedEntry>>(StringComparer.Ordinal);
        var reader = new SpilledSource.Reader(buffer.AsMemory(0, length));
        while (reader.More)
        {
            var (source, actors) = reader.Next();
            if (!byKey.TryGetValue(source.Key, out var sameKey)) byKey[source.Key] = sameKey = new List<FoldedEntry>(1);
            var home = FindHome(sameKey, source);
            if (home is null)
            {
                home = new FoldedEntry(EntryBuilder.Build([source]));
                sameKey.Add(home);
                entries.Add(home);
            }
            else
            {
                home.Entry = EntryBuilder.Joined(home.Entry, source);
            }
            home.ActorsBySource.Add(actors);
        }
        return new FoldedFile(entries);
    }

    /// <summary>
    /// <see cref="EntryBuilder.FindHome"/> over the key's entries in creation order, skipping without a comparison
    /// those whose dates rule them out (<see cref="EntryBuilder.WindowOf"/>): a key such as a country's outages has
    /// hundreds of entries.
    /// </summary>
    private static FoldedEntry? FindHome(List<FoldedEntry> sameKey, EntrySource source)
    {
        var window = EntryBuilder.WindowOf(source);
        FoldedEntry? disputed = null;
        foreach (var candidate in sameKey)
        {
            if (!window.Admits(candidate.Lo, candidate.Hi)) continue;
            var match = EntryBuilder.Compare(candidate.Entry, source);
            if (match == Match.Agrees) return candidate;
            if (match == Match.Disputes) disputed ??= candidate;
        }
        return disputed;
    }

    private readonly SourceJsonWriter _json = new();

    private long Write(FoldedFile file, long lastRow)
    {
        // The links name each actor by its number among the file's actors: sorting numbers is cheaper than sorting the ids.
        var links = new List<(int Actor, long Row)>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var actorIds = new List<string>();
        using (var insert = new BulkStatement(connection, GenerationRows.InsertEntrySql(g)))
        {
            foreach (var folded in file.Entries)
            {
                var row = ++lastRow;
                foreach (var actors in folded.ActorsBySource)
                    foreach (var actor in actors)
                    {
                        if (!numbers.TryGetValue(actor, out var number))
                        {
                            numbers[actor] = number = actorIds.Count;
                            actorIds.Add(actor);
                        }
                        links.Add((number, row));
                    }
                GenerationRows.BindEntry(insert, folded.Entry, includeIdentity: true).Bind(1, row).Bind(15, _json.Write(folded.Entry.Sources)).Run();
            }
        }
        GenerationRows.WriteActorEntries(connection, g, actorIds, CollectionsMarshal.AsSpan(links));
        return lastRow;
    }

    private void Finish(Plan plan)
    {
        using (var tx = ReadModelDatabase.BeginWrite(connection))
        {
            var info = ReadModelDatabase.ReadInfo(connection, tx, g);
            if (plan.Events > 0)
            {
                if (info.FirstEventId is null)
                {
                    ReadModelDatabase.SetMeta(connection, tx, g, "first_event", plan.FirstEventId);
                    ReadModelDatabase.SetMeta(connection, tx, g, "first_position", plan.FirstPosition);
                }
                ReadModelDatabase.SetMeta(connection, tx, g, "checkpoint", plan.Head.ToString());
                ReadModelDatabase.SetMeta(connection, tx, g, "checkpoint_event", plan.HeadEventId);
                ReadModelDatabase.SetMeta(connection, tx, g, "events_processed", plan.Events.ToString(CultureInfo.InvariantCulture));
            }
            ReadModelDatabase.Execute(connection, tx, $"DELETE FROM {g}_meta WHERE key IN ($p, $f)", ("$p", PlanKey), ("$f", FoldedKey));
            tx.Commit();
        }
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// One spill file (<see cref="SpilledSource"/>), written through a buffer; the OS keeps the pages, so they cost the
    /// process no memory.
    /// </summary>
    private sealed class SpillWriter(string path) : IDisposable
    {
        private readonly BinaryWriter _writer = new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), System.Text.Encoding.UTF8);
        private readonly List<string> _ids = new(4);

        public long Reports { get; private set; }

        public void Write(EntrySource source, IReadOnlyList<Domain.Actors.ActorId> actors)
        {
            Reports++;
            _ids.Clear();
            foreach (var a in actors) _ids.Add(a.Value);
            SpilledSource.Write(_writer, source, _ids);
        }

        public void Dispose() => _writer.Dispose();
    }
}
