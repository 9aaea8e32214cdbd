using System.Diagnostics;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;
using Timeline.Projections.ReadModel;

namespace Timeline.Projections.Runner;

/// <summary>Progress of a catch-up or replay, for progress bars and the gRPC stream.</summary>
public sealed record ProjectionProgress(
    string Generation,
    LogPosition? Position,
    LogPosition? Head,
    long EventsProcessed,
    long EventsTotal,
    double EventsPerSecond,
    TimeSpan? Eta,
    string State);

public sealed record ReplayOutcome(string Generation, long EventsProcessed, TimeSpan Elapsed, LogPosition? Position);

public sealed record ProjectionStatus(string Projection, int Version, LogPosition? Checkpoint, LogPosition? Head, long Lag, string State);

/// <summary>
/// The one runner of the projections. It keeps the current read-model generation in step with the store
/// (catch-up from the stored checkpoint, then live events batched with Rx), rebuilds generations beside the live
/// one (replay) and swaps them in atomically, and refuses to serve a read model that belongs to another store.
/// Every batch commits its changes with its checkpoint (see <see cref="GenerationWriter"/>).
/// </summary>
public sealed class ProjectionRunner(IEventStore store, ReadModelDatabase database, ProjectionOptions? options = null)
{
    private readonly ProjectionOptions _options = options ?? new ProjectionOptions();
    private readonly GenerationWriter _writer = new(new ArticleArrivals());
    private readonly SemaphoreSlim _replayGate = new(1, 1);

    public ReadModelDatabase Database => database;
    public IEventStore Store => store;

    /// <summary>
    /// Brings the read model up to the store's current head and stops: what a CLI query does before answering.
    /// Rebuilds first when the read model was made by other projection versions or from another store.
    /// </summary>
    public async Task EnsureUpToDate(CancellationToken cancellationToken = default, IProgress<ProjectionProgress>? progress = null)
    {
        var decision = await Prepare(cancellationToken).ConfigureAwait(false);
        if (decision == Preparation.NeedsReplay)
        {
            await Replay(progress, cancellationToken).ConfigureAwait(false);
            return;
        }
        await CatchUp(null, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Catches up, then follows the log live until cancelled (the server's background loop).</summary>
    public async Task Run(CancellationToken cancellationToken)
    {
        await EnsureUpToDate(cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await FollowLive(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (GenerationMovedException)
            {
                // A replay swapped in a generation built to an earlier position: read again from its checkpoint.
                await CatchUp(null, null, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private enum Preparation { Ready, NeedsReplay }

    /// <summary>Makes sure there is a current generation that belongs to this store; says whether it needs a rebuild for new versions.</summary>
    private async Task<Preparation> Prepare(CancellationToken cancellationToken)
    {
        var identity = await ReadIdentity(cancellationToken).ConfigureAwait(false);
        var head = await store.GetHeadPosition(cancellationToken).ConfigureAwait(false);

        GenerationInfo? info;
        using (var connection = database.Open())
        {
            var current = ReadModelDatabase.Current(connection, null);
            info = current is not null && ReadModelDatabase.GenerationExists(connection, null, current)
                ? ReadModelDatabase.ReadInfo(connection, null, current)
                : null;
        }
        var valid = info is not null && await BelongsToStore(info, identity, head, cancellationToken).ConfigureAwait(false);

        using (var connection = database.Open())
        using (var tx = ReadModelDatabase.BeginWrite(connection))
        {
            var current = ReadModelDatabase.Current(connection, tx);
            if (current != info?.Name)
            {
                // Someone else changed the generation while we checked: their work is as good as ours.
                tx.Commit();
                return Preparation.Ready;
            }
            if (!valid)
            {
                // Never serve a read model of another store (or one ahead of the log): start an empty one at once.
                var fresh = ReadModelDatabase.CreateGeneration(connection, tx, identity, _options.Versions);
                ReadModelDatabase.SetControl(connection, tx, "current", fresh);
                if (current is not null) ReadModelDatabase.DropGeneration(connection, tx, current);
                if (ReadModelDatabase.Replaying(connection, tx) is { } replaying)
                {
                    DropReplaying(connection, tx, replaying);
                    ReadModelDatabase.SetControl(connection, tx, "replaying", null);
                }
                tx.Commit();
                return Preparation.Ready;
            }
            // A replay cut short (crash, Ctrl+C) is finished before anything else, from its own checkpoint.
            var pendingReplay = ReadModelDatabase.Replaying(connection, tx) is not null;
            tx.Commit();
            if (pendingReplay) return Preparation.NeedsReplay;
        }
        return SameVersions(info!.Versions, _options.Versions) ? Preparation.Ready : Preparation.NeedsReplay;
    }

    private async Task<bool> BelongsToStore(GenerationInfo info, StoreIdentity identity, LogPosition? head, CancellationToken cancellationToken)
    {
        // The same file reached by another path ("data/timeline.db" vs "/srv/data/timeline.db") is the same log, so
        // only the kind of store must match; the first event and the event at the checkpoint decide the rest.
        if (StoreKind(info.StoreDescription) != StoreKind(identity.Description)) return false;
        if (info.FirstEventId is not null && (info.FirstEventId != identity.FirstEventId || info.FirstPosition != identity.FirstPosition)) return false;
        if (info.Checkpoint is not { } checkpoint) return true;
        if (head is null || checkpoint > head.Value) return false;
        // The event at the checkpoint must be the one the generation recorded there.
        await foreach (var e in store.ReadAll(ReadDirection.Forwards, checkpoint, 1, cancellationToken).ConfigureAwait(false))
            return e.Position == checkpoint && e.EventId.ToString() == info.CheckpointEventId;
        return false;
    }

    /// <summary>Drops an unfinished replay's generation and whatever its key-by-key rebuild spilled beside the read model.</summary>
    private void DropReplaying(SqliteConnection connection, SqliteTransaction tx, string generation)
    {
        ReadModelDatabase.DropGeneration(connection, tx, generation);
        var spill = KeyByKeyRebuild.FolderFor(database, generation);
        if (Directory.Exists(spill)) Directory.Delete(spill, recursive: true);
    }

    private static string StoreKind(string description) =>
        description.IndexOf(':') is var colon and > 0 ? description[..colon] : description;

    private static bool SameVersions(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private async Task<StoreIdentity> ReadIdentity(CancellationToken cancellationToken)
    {
        await foreach (var first in store.ReadAll(ReadDirection.Forwards, LogPosition.Start, 1, cancellationToken).ConfigureAwait(false))
            return new StoreIdentity(store.Description, first.EventId.ToString(), first.Position.ToString());
        return new StoreIdentity(store.Description, null, null);
    }

    /// <summary>
    /// Applies the log from the generation's checkpoint up to the head as it is when called. Reading and decoding
    /// run on one task, folding and writing on another, joined by a small bounded channel.
    /// </summary>
    private async Task<long> CatchUp(string? target, IProgress<ProjectionProgress>? progress, CancellationToken cancellationToken,
        string state = "catching-up", ReplayState? replay = null)
    {
        long applied = 0;
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var head = await store.GetHeadPosition(cancellationToken).ConfigureAwait(false);
            var (generation, checkpoint, processedBefore) = ReadCheckpoint(target);
            if (head is null || (checkpoint is { } cp && cp >= head.Value)) return applied;

            var total = (long)head.Value.Commit;
            var startCommit = checkpoint?.Commit ?? 0;
            // The reader hands over small chunks and the writer gathers them into transactions of BatchSize events:
            // big transactions are what make a rebuild cheap, while the queue between the two stays a few chunks.
            var channel = Channel.CreateBounded<List<LoggedEvent>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            using var readCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var batchSize = _options.BatchSize;
            var reader = ReadInto(channel.Writer, checkpoint, head.Value, Math.Min(batchSize, ChunkSize), readCancel.Token);

            var readAfter = checkpoint;
            var behind = false;
            var sawAny = false;
            using var connection = database.Open();
            if (target is not null)
            {
                // A replay builds a generation nobody reads before the swap. Without fsyncs a kill -9 still keeps
                // every committed batch with its checkpoint (the WAL is in the OS cache, and the kill specs check
                // it); only an OS crash or power cut could lose or tear recent pages, and an unfinished replay
                // generation is disposable anyway. A larger page cache keeps the growing B-trees' hot pages in
                // memory: 32 MB, as fast as 64 MB on a 1,000,000-event replay (13,072 vs 10,700-12,700 events/s) and
                // what keeps its peak RSS inside the 500 MB budget (469 vs 506 MB).
                ReadModelDatabase.Execute(connection, null, "PRAGMA synchronous=OFF; PRAGMA cache_size=-32768;");
            }
            try
            {
                await foreach (var batch in Transactions(channel.Reader, batchSize, cancellationToken).ConfigureAwait(false))
                {
                    var outcome = _writer.Apply(connection, target, readAfter, batch, replay);
                    if (outcome is BatchOutcome.Behind)
                    {
                        behind = true;
                        break;
                    }
                    sawAny = true;
                    var done = (BatchOutcome.Applied)outcome;
                    applied += done.EventsApplied;
                    readAfter = batch[^1].Position;
                    Report(progress, generation, readAfter, head, processedBefore + applied, total, startCommit, stopwatch, state);
                }
            }
            finally
            {
                readCancel.Cancel();
                try
                {
                    await reader.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (readCancel.IsCancellationRequested)
                {
                    // The reader was stopped because the writer finished or restarts from another checkpoint.
                }
            }
            if (!behind && (!sawAny || readAfter is { } reached && reached >= head.Value)) return applied;
        }
    }

    private (string Generation, LogPosition? Checkpoint, long Processed) ReadCheckpoint(string? target)
    {
        using var connection = database.Open();
        var g = target ?? ReadModelDatabase.Current(connection, null) ?? throw new InvalidOperationException("The read model has no current generation.");
        var info = ReadModelDatabase.ReadInfo(connection, null, g);
        return (g, info.Checkpoint, info.EventsProcessed);
    }

    private const int ChunkSize = 1024;

    private static async IAsyncEnumerable<List<LoggedEvent>> Transactions(ChannelReader<List<LoggedEvent>> chunks, int size,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<LoggedEvent>(Math.Min(size, 1 << 16));
        await foreach (var chunk in chunks.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.AddRange(chunk);
            if (batch.Count < size) continue;
            yield return batch;
            batch = new List<LoggedEvent>(Math.Min(size, 1 << 16));
        }
        if (batch.Count > 0) yield return batch;
    }

    private async Task ReadInto(ChannelWriter<List<LoggedEvent>> writer, LogPosition? after, LogPosition head, int batchSize,
        CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<LoggedEvent>(batchSize);
            await foreach (var recorded in store.ReadAll(ReadDirection.Forwards, after ?? LogPosition.Start, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                if (after is { } a && recorded.Position <= a) continue;
                if (recorded.Position > head) break;
                batch.Add(Decode(recorded));
                if (batch.Count >= batchSize)
                {
                    await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new List<LoggedEvent>(batchSize);
                }
            }
            if (batch.Count > 0) await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
            throw;
        }
    }

    private static readonly HashSet<string> ProjectedTypes = [.. EventTypeMap.TimelineEventNames, "ArticleIngested"];

    /// <summary>Decodes the events projections use; anything else (unknown types, newer schemas) only moves the checkpoint.</summary>
    public static LoggedEvent Decode(RecordedEvent recorded)
    {
        IDomainEvent? e = null;
        if (ProjectedTypes.Contains(recorded.Type) && DomainEventSerializer.Deserialize(recorded) is StoredEvent.Known known)
            e = known.Event;
        return new LoggedEvent(recorded.Position, recorded.EventId, recorded.Created, e);
    }

    private static void Report(IProgress<ProjectionProgress>? progress, string generation, LogPosition? position, LogPosition? head,
        long processed, long total, ulong startCommit, Stopwatch stopwatch, string state)
    {
        if (progress is null) return;
        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-3);
        var done = (double)((position?.Commit ?? 0) - startCommit);
        var rate = done / seconds;
        var remaining = (double)((head?.Commit ?? 0) - (position?.Commit ?? 0));
        TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds(remaining / rate) : null;
        progress.Report(new ProjectionProgress(generation, position, head, processed, total, rate, eta, state));
    }

    /// <summary>Live: the subscription's events, buffered by time and count with Rx, each buffer one transaction.</summary>
    private async Task FollowLive(CancellationToken cancellationToken)
    {
        var (_, checkpoint, _) = ReadCheckpoint(null);
        var start = checkpoint is { } cp ? SubscriptionStart.AfterPosition(cp) : SubscriptionStart.Start;
        var readAfter = checkpoint;
        using var connection = database.Open();

        var events = Observable.Create<LoggedEvent>(async (observer, token) =>
        {
            await foreach (var message in store.SubscribeToAll(start, null, token).ConfigureAwait(false))
                if (message is SubscriptionMessage.EventAppeared appeared) observer.OnNext(Decode(appeared.Event));
            observer.OnCompleted();
        });

        await events
            .Buffer(_options.LiveBufferTime, _options.LiveBufferCount)
            .Where(batch => batch.Count > 0)
            .Do(batch =>
            {
                var outcome = _writer.Apply(connection, null, readAfter, batch.ToList());
                if (outcome is BatchOutcome.Behind) throw new GenerationMovedException();
                readAfter = batch[^1].Position;
            })
            .DefaultIfEmpty()
            .ToTask(cancellationToken)
            .ConfigureAwait(false);
    }

    private sealed class GenerationMovedException() : Exception("The current read-model generation is behind this runner.");

    /// <summary>
    /// Rebuilds the read model in a new generation while queries keep reading the current one, then swaps.
    /// A replay interrupted by a crash is resumed from the replay generation's own checkpoint.
    /// </summary>
    public async Task<ReplayOutcome> Replay(IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _replayGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var identity = await ReadIdentity(cancellationToken).ConfigureAwait(false);
            var head = await store.GetHeadPosition(cancellationToken).ConfigureAwait(false);
            string generation;
            GenerationInfo? resumable = null;
            using (var connection = database.Open())
            {
                if (ReadModelDatabase.Replaying(connection, null) is { } replaying && ReadModelDatabase.GenerationExists(connection, null, replaying))
                    resumable = ReadModelDatabase.ReadInfo(connection, null, replaying);
            }
            var resume = resumable is not null
                         && SameVersions(resumable.Versions, _options.Versions)
                         && await BelongsToStore(resumable, identity, head, cancellationToken).ConfigureAwait(false);
            using (var connection = database.Open())
            using (var tx = ReadModelDatabase.BeginWrite(connection))
            {
                var replaying = ReadModelDatabase.Replaying(connection, tx);
                if (resume && replaying == resumable!.Name)
                {
                    generation = replaying;
                }
                else
                {
                    if (replaying is not null) DropReplaying(connection, tx, replaying);
                    generation = ReadModelDatabase.CreateGeneration(connection, tx, identity, _options.Versions, deferIndexes: true);
                    ReadModelDatabase.SetControl(connection, tx, "replaying", generation);
                }
                tx.Commit();
            }

            if (_options.RebuildKeyByKey && head is { } rebuildTo)
            {
                using var connection = database.Open();
                // As for the log-order replay below: no fsyncs for a generation nobody reads before the swap.
                ReadModelDatabase.Execute(connection, null, "PRAGMA synchronous=OFF; PRAGMA cache_size=-32768;");
                if (KeyByKeyRebuild.Applies(connection, generation))
                {
                    var rebuild = new KeyByKeyRebuild(store, connection, KeyByKeyRebuild.FolderFor(database, generation), generation);
                    await rebuild.Run(rebuildTo, _options.RebuildReportsPerFile, Math.Clamp(_options.BatchSize, 1, 8_192),
                        p => progress?.Report(new ProjectionProgress(generation, p.Position, rebuildTo, p.Done, p.Total, p.PerSecond, p.Eta, p.Stage)),
                        cancellationToken).ConfigureAwait(false);
                }
            }

            // Catch up until a pass finds nothing new; events that arrive after the swap go to the new generation.
            var replay = new ReplayState();
            while (await CatchUp(generation, progress, cancellationToken, "replaying", replay).ConfigureAwait(false) > 0) { }

            LogPosition? position;
            long processed;
            using (var connection = database.Open())
            using (var tx = ReadModelDatabase.BeginWrite(connection))
            {
                var info = ReadModelDatabase.ReadInfo(connection, tx, generation);
                position = info.Checkpoint;
                processed = info.EventsProcessed;
                var old = ReadModelDatabase.Current(connection, tx);
                // Seconds for a large log (2-3 s for a million events), with nothing else to report meanwhile.
                progress?.Report(new ProjectionProgress(generation, position, head, processed, (long)(head?.Commit ?? 0), 0, null, "indexing"));
                ReadModelDatabase.CreateDeferredIndexes(connection, tx, generation);
                ReadModelDatabase.SetControl(connection, tx, "current", generation);
                ReadModelDatabase.SetControl(connection, tx, "replaying", null);
                if (old is not null && old != generation) ReadModelDatabase.DropGeneration(connection, tx, old);
                tx.Commit();
            }
            var finalHead = await store.GetHeadPosition(cancellationToken).ConfigureAwait(false);
            progress?.Report(new ProjectionProgress(generation, position, finalHead, processed, (long)(finalHead?.Commit ?? 0),
                0, TimeSpan.Zero, "swapped"));
            return new ReplayOutcome(generation, processed, stopwatch.Elapsed, position);
        }
        finally
        {
            _replayGate.Release();
        }
    }

    /// <summary>Checkpoint, head, lag and state of each projection.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> Status(CancellationToken cancellationToken = default)
    {
        var head = await store.GetHeadPosition(cancellationToken).ConfigureAwait(false);
        GenerationInfo? current = null;
        var replaying = false;
        using (var connection = database.Open())
        {
            if (ReadModelDatabase.Current(connection, null) is { } g && ReadModelDatabase.GenerationExists(connection, null, g))
                current = ReadModelDatabase.ReadInfo(connection, null, g);
            replaying = ReadModelDatabase.Replaying(connection, null) is not null;
        }
        var lag = (long)((head?.Commit ?? 0) - Math.Min(current?.Checkpoint?.Commit ?? 0, head?.Commit ?? 0));
        return ProjectionCatalog.Names.Select(name =>
        {
            var version = current?.Versions.GetValueOrDefault(name) ?? 0;
            var state = current is null ? "not-built"
                : replaying ? "replaying"
                : version != _options.Versions.GetValueOrDefault(name) ? "outdated"
                : lag == 0 ? "live"
                : "behind";
            return new ProjectionStatus(name, version, current?.Checkpoint, head, lag, state);
        }).ToList();
    }
}
