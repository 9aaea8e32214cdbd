using System.Runtime.CompilerServices;

namespace Timeline.EventStore.Memory;

/// <summary>An event store in process memory, for unit tests. Same contract as the durable adapters.</summary>
public sealed class MemoryEventStore(EventStoreLimits? limits = null) : IEventStore
{
    private readonly EventStoreLimits _limits = limits ?? EventStoreLimits.Default;
    private readonly object _gate = new();
    private readonly List<RecordedEvent> _log = [];
    private readonly Dictionary<string, List<RecordedEvent>> _streams = new(StringComparer.Ordinal);
    private TaskCompletionSource _appended = NewSignal();

    public string Description => "memory:";

    public Task<AppendResult> AppendToStream(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events,
        CancellationToken cancellationToken = default)
    {
        AppendRules.Validate(stream, events, _limits);
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource signal;
        AppendResult result;
        lock (_gate)
        {
            _streams.TryGetValue(stream, out var existing);
            var actual = existing is null ? StreamState.NoStream : new StreamState((ulong)existing.Count - 1);

            if (TryRecogniseRetry(existing, expected, events) is { } retried)
                return Task.FromResult(retried);
            if (!AppendRules.Matches(expected, actual))
                throw new WrongExpectedRevisionException(stream, expected, actual);
            if (events.Count == 0)
                return Task.FromResult(new AppendResult(actual.LastRevision ?? ulong.MaxValue, Head()));

            existing ??= _streams[stream] = [];
            var now = DateTimeOffset.UtcNow;
            foreach (var e in events)
            {
                var recorded = new RecordedEvent(stream, (ulong)existing.Count, LogPosition.Of((ulong)_log.Count + 1),
                    e.EventId, e.Type, e.Data.ToArray(), e.Metadata.ToArray(), now);
                existing.Add(recorded);
                _log.Add(recorded);
            }
            result = new AppendResult((ulong)existing.Count - 1, _log[^1].Position);
            signal = _appended;
            _appended = NewSignal();
        }
        signal.TrySetResult();
        return Task.FromResult(result);
    }

    private static AppendResult? TryRecogniseRetry(List<RecordedEvent>? existing, ExpectedRevision expected, IReadOnlyList<EventData> events)
    {
        if (existing is null || events.Count == 0) return null;
        int first;
        if (expected.IsAny)
        {
            first = existing.FindIndex(r => r.EventId == events[0].EventId);
            if (first < 0) return null;
        }
        else
        {
            var from = AppendRules.FirstRevisionOf(expected);
            if (from >= (ulong)existing.Count) return null;
            first = (int)from;
        }
        var stored = existing.Skip(first).Take(events.Count).Select(r => r.EventId).ToList();
        if (!AppendRules.IsRetryOf(stored, events)) return null;
        var last = existing[first + events.Count - 1];
        return new AppendResult(last.Revision, last.Position);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStream(string stream, ReadDirection direction, ulong? fromRevision = null,
        long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AppendRules.ValidateStreamName(stream, _limits);
        RecordedEvent[] snapshot;
        lock (_gate) snapshot = _streams.TryGetValue(stream, out var s) ? s.ToArray() : [];
        IEnumerable<RecordedEvent> selected = direction == ReadDirection.Forwards
            ? snapshot.Where(e => fromRevision is null || e.Revision >= fromRevision)
            : snapshot.Reverse().Where(e => fromRevision is null || e.Revision <= fromRevision);
        foreach (var e in selected.Take((int)Math.Min(maxCount, int.MaxValue)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAll(ReadDirection direction, LogPosition from, long maxCount = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RecordedEvent[] snapshot;
        lock (_gate) snapshot = _log.ToArray();
        IEnumerable<RecordedEvent> selected = direction == ReadDirection.Forwards
            ? snapshot.Where(e => e.Position >= from)
            : snapshot.Reverse().Where(e => e.Position <= from);
        foreach (var e in selected.Take((int)Math.Min(maxCount, int.MaxValue)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
        await Task.CompletedTask;
    }

    public Task<StreamState> GetStreamState(string stream, CancellationToken cancellationToken = default)
    {
        AppendRules.ValidateStreamName(stream, _limits);
        lock (_gate)
            return Task.FromResult(_streams.TryGetValue(stream, out var s) ? new StreamState((ulong)s.Count - 1) : StreamState.NoStream);
    }

    public Task<LogPosition?> GetHeadPosition(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<LogPosition?>(_log.Count == 0 ? null : _log[^1].Position);
    }

    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAll(SubscriptionStart start, SubscriptionFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Index into _log of the next event to deliver; positions are index + 1.
        int next;
        lock (_gate)
            next = start.FromEnd ? _log.Count : start.After is { } after ? (int)Math.Min(after.Commit, (ulong)_log.Count) : 0;

        var caughtUp = false;
        var skipped = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            RecordedEvent[] batch;
            Task appended;
            lock (_gate)
            {
                batch = _log.Skip(next).Take(1000).ToArray();
                appended = _appended.Task;
            }
            foreach (var e in batch)
            {
                next++;
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
            if (batch.Length > 0) continue;
            if (!caughtUp)
            {
                caughtUp = true;
                yield return new SubscriptionMessage.CaughtUp(LogPosition.Of((ulong)next));
            }
            try
            {
                await appended.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private LogPosition Head() => _log.Count == 0 ? LogPosition.Start : _log[^1].Position;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
