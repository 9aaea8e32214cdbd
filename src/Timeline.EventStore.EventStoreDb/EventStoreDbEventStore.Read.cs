using System.Runtime.CompilerServices;
using Timeline.EventStore.EventStoreDb.Protocol;
using Timeline.EventStore.EventStoreDb.Protocol.Streams;
using static Timeline.EventStore.EventStoreDb.Protocol.Streams.ReadReq.Types;
using static Timeline.EventStore.EventStoreDb.Protocol.Streams.ReadReq.Types.Options.Types;

namespace Timeline.EventStore.EventStoreDb;

public sealed partial class EventStoreDbEventStore
{
    public async IAsyncEnumerable<RecordedEvent> ReadStream(string stream, ReadDirection direction, ulong? fromRevision = null,
        long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AppendRules.ValidateStreamName(stream, _limits);
        var remaining = maxCount;
        var next = fromRevision;
        while (remaining > 0)
        {
            var pageSize = (int)Math.Min(remaining, PageSize);
            var streamOptions = new StreamOptions { StreamIdentifier = StreamId(stream) };
            if (next is { } revision) streamOptions.Revision = revision;
            else if (direction == ReadDirection.Forwards) streamOptions.Start = new Empty();
            else streamOptions.End = new Empty();

            var page = await ReadPage(Request(direction, (ulong)pageSize, streamOptions: streamOptions),
                $"read stream '{stream}'", cancellationToken).ConfigureAwait(false);
            // "Stream not found" is a read state, not an error: the stream reads as empty.
            if (page.Any(r => r.ContentCase == ReadResp.ContentOneofCase.StreamNotFound)) yield break;

            var events = page.Where(r => r.ContentCase == ReadResp.ContentOneofCase.Event).Select(r => ToRecorded(r.Event.Event)).ToList();
            foreach (var e in events)
            {
                yield return e;
                remaining--;
            }
            if (events.Count < pageSize) yield break;
            var last = events[^1].Revision;
            if (direction == ReadDirection.Backwards && last == 0) yield break;
            next = direction == ReadDirection.Forwards ? last + 1 : last - 1;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAll(ReadDirection direction, LogPosition from, long maxCount = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (maxCount <= 0) yield break;
        if (direction == ReadDirection.Forwards && from == LogPosition.End) yield break;
        if (direction == ReadDirection.Backwards && from == LogPosition.Start) yield break;

        var remaining = maxCount;
        LogPosition? cursor = from == LogPosition.Start || from == LogPosition.End ? null : from;
        // Everything at or before (forwards) / at or after (backwards) this position has been dealt with.
        LogPosition? done = null;

        // The server reads backwards from a position exclusively; the port's reads include the event at "from".
        if (direction == ReadDirection.Backwards && cursor is { } exact)
        {
            done = exact;
            var atFrom = await ReadAllPage(ReadDirection.Forwards, exact, 1, cancellationToken).ConfigureAwait(false);
            if (atFrom.FirstOrDefault(e => e.Position == exact) is { } first && !IsSystem(first.Stream, first.Type))
            {
                yield return first;
                remaining--;
            }
        }

        while (remaining > 0)
        {
            // System events are skipped after the server counted them, so a page may hold fewer of ours than asked for.
            // A later page starts at the last position seen, which the server may send again: ask for one more.
            var pageSize = (int)Math.Min(remaining, PageSize) + (done is null ? 0 : 1);
            var page = await ReadAllPage(direction, cursor, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var e in page)
            {
                // A page starts at the previous page's last position, which the server may include again.
                if (done is { } d && (direction == ReadDirection.Forwards ? e.Position <= d : e.Position >= d)) continue;
                done = e.Position;
                if (IsSystem(e.Stream, e.Type)) continue;
                yield return e;
                if (--remaining == 0) yield break;
            }
            if (page.Count < pageSize) yield break;
            cursor = page[^1].Position;
        }
    }

    public async Task<StreamState> GetStreamState(string stream, CancellationToken cancellationToken = default)
    {
        await foreach (var e in ReadStream(stream, ReadDirection.Backwards, null, 1, cancellationToken).ConfigureAwait(false))
            return new StreamState(e.Revision);
        return StreamState.NoStream;
    }

    public async Task<LogPosition?> GetHeadPosition(CancellationToken cancellationToken = default)
    {
        await foreach (var e in ReadAll(ReadDirection.Backwards, LogPosition.End, 1, cancellationToken).ConfigureAwait(false))
            return e.Position;
        return null;
    }

    /// <summary>The position of the very last record of <c>$all</c>, system events included: where history ends for a subscription.</summary>
    private async Task<LogPosition?> ReadRawHead(CancellationToken cancellationToken)
    {
        var page = await ReadAllPage(ReadDirection.Backwards, null, 1, cancellationToken).ConfigureAwait(false);
        return page.Count == 0 ? null : page[0].Position;
    }

    /// <summary>One page of <c>$all</c>, system events included (the caller decides what to skip).</summary>
    private async Task<List<RecordedEvent>> ReadAllPage(ReadDirection direction, LogPosition? from, int count, CancellationToken cancellationToken)
    {
        var all = new AllOptions();
        if (from is { } p) all.Position = new Options.Types.Position { CommitPosition = p.Commit, PreparePosition = p.Prepare };
        else if (direction == ReadDirection.Forwards) all.Start = new Empty();
        else all.End = new Empty();
        var page = await ReadPage(Request(direction, (ulong)count, allOptions: all), "read $all", cancellationToken).ConfigureAwait(false);
        return page.Where(r => r.ContentCase == ReadResp.ContentOneofCase.Event).Select(r => ToRecorded(r.Event.Event)).ToList();
    }

    private static ReadReq Request(ReadDirection direction, ulong count, StreamOptions? streamOptions = null, AllOptions? allOptions = null)
    {
        var options = new Options
        {
            ReadDirection = direction == ReadDirection.Forwards ? Options.Types.ReadDirection.Forwards : Options.Types.ReadDirection.Backwards,
            ResolveLinks = false,
            Count = count,
            NoFilter = new Empty(),
            UuidOption = StructuredIds,
        };
        if (streamOptions is not null) options.Stream = streamOptions;
        else options.All = allOptions;
        return new ReadReq { Options = options };
    }
}
