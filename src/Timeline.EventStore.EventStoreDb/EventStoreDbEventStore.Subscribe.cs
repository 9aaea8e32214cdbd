using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Grpc.Core;
using Timeline.EventStore.EventStoreDb.Protocol;
using Timeline.EventStore.EventStoreDb.Protocol.Streams;
using static Timeline.EventStore.EventStoreDb.Protocol.Streams.ReadReq.Types;
using static Timeline.EventStore.EventStoreDb.Protocol.Streams.ReadReq.Types.Options.Types;

namespace Timeline.EventStore.EventStoreDb;

public sealed partial class EventStoreDbEventStore
{
    /// <summary>The server's filter window: how many events it looks at before it may send a checkpoint.</summary>
    internal const uint FilterWindow = 32;

    /// <summary>
    /// History is read with paged reads up to the head of <c>$all</c> as it was when the subscription started,
    /// then <see cref="SubscriptionMessage.CaughtUp"/> is sent, then a server subscription delivers what follows.
    /// Doing the history ourselves gives one behaviour on every server: 22.x never says "caught up", 23.10+ does
    /// (its message is then redundant and ignored). A dropped subscription is reopened after the last position seen
    /// (event or checkpoint), and anything at or before it is dropped, so nothing is delivered twice.
    /// </summary>
    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAll(SubscriptionStart start, SubscriptionFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var head = await ReadRawHead(cancellationToken).ConfigureAwait(false);
        LogPosition? last = start.FromEnd ? head : start.After;
        var skipped = 0;

        // History.
        while (head is { } h && (last is null || last < h))
        {
            var page = await ReadAllPage(ReadDirection.Forwards, last, PageSize, cancellationToken).ConfigureAwait(false);
            var fresh = page.Where(e => last is null || e.Position > last).ToList();
            if (fresh.Count == 0) break;
            foreach (var e in fresh)
            {
                last = e.Position;
                if (Wanted(e, filter))
                {
                    skipped = 0;
                    yield return new SubscriptionMessage.EventAppeared(e);
                }
                else if (filter is not null && ++skipped >= filter.CheckpointInterval)
                {
                    skipped = 0;
                    yield return new SubscriptionMessage.Checkpoint(e.Position);
                }
            }
        }
        yield return new SubscriptionMessage.CaughtUp(last ?? LogPosition.Start);

        // Live.
        var failures = 0;
        Exception? lastError = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (failures >= _connection.SubscriptionMaxAttempts)
                throw lastError as EventStoreUnavailableException ?? _connection.Unavailable(_connection.CurrentEndpoint ?? _connection.Settings.Hosts[0], lastError);
            if (failures > 0)
            {
                try
                {
                    await Task.Delay(_connection.RetryDelay(failures), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }

            var (endpoint, channel) = await _connection.Channel(cancellationToken).ConfigureAwait(false);
            using var call = Client(channel).Read(SubscriptionRequest(last, filter),
                _connection.CallOptions(cancellationToken, withDeadline: false));
            while (true)
            {
                bool more;
                try
                {
                    more = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
                }
                catch (RpcException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
                catch (RpcException e)
                {
                    // Transport trouble (a node died, the stream was cut) is retried from the last position seen;
                    // a refusal (credentials, deadline, bad request) is not going to get better by retrying.
                    var failure = _connection.Classify(e, endpoint, "subscribe to $all");
                    if (failure is not null && e.StatusCode is not (StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted))
                        throw failure;
                    lastError = failure ?? e;
                    failures++;
                    break;
                }
                if (!more)
                {
                    // A subscription never ends by itself; the server went away (shutdown, leader change).
                    failures++;
                    lastError = null;
                    break;
                }

                var response = call.ResponseStream.Current;
                switch (response.ContentCase)
                {
                    case ReadResp.ContentOneofCase.Confirmation:
                        failures = 0;
                        break;
                    case ReadResp.ContentOneofCase.Event:
                        var e = ToRecorded(response.Event.Event);
                        if (last is { } seen && e.Position <= seen) break;
                        last = e.Position;
                        failures = 0;
                        if (Wanted(e, filter))
                        {
                            skipped = 0;
                            yield return new SubscriptionMessage.EventAppeared(e);
                        }
                        else if (filter is not null && ++skipped >= filter.CheckpointInterval)
                        {
                            skipped = 0;
                            yield return new SubscriptionMessage.Checkpoint(e.Position);
                        }
                        break;
                    case ReadResp.ContentOneofCase.Checkpoint:
                        var checkpoint = new LogPosition(response.Checkpoint.CommitPosition, response.Checkpoint.PreparePosition);
                        if (last is { } before && checkpoint <= before) break;
                        last = checkpoint;
                        skipped = 0;
                        yield return new SubscriptionMessage.Checkpoint(checkpoint);
                        break;
                    // caught_up / fell_behind (23.10+): the switch to live was already announced above.
                    default:
                        break;
                }
            }
        }
    }

    private static bool Wanted(RecordedEvent e, SubscriptionFilter? filter) =>
        !IsSystem(e.Stream, e.Type) && (filter is null || filter.Matches(e.Stream, e.Type));

    internal static ReadReq SubscriptionRequest(LogPosition? after, SubscriptionFilter? filter)
    {
        var all = new AllOptions();
        if (after is { } p) all.Position = new Options.Types.Position { CommitPosition = p.Commit, PreparePosition = p.Prepare };
        else all.Start = new Empty();
        var options = new Options
        {
            All = all,
            ReadDirection = Options.Types.ReadDirection.Forwards,
            ResolveLinks = false,
            Subscription = new SubscriptionOptions(),
            UuidOption = StructuredIds,
        };
        if (ServerFilter(filter) is { } serverFilter) options.Filter = serverFilter;
        else options.NoFilter = new Empty();
        return new ReadReq { Options = options };
    }

    /// <summary>
    /// The server filters on one property: event types when the filter names them (the narrower test), else the
    /// stream prefix. Whatever the server cannot express is checked again on arrival.
    /// </summary>
    internal static FilterOptions? ServerFilter(SubscriptionFilter? filter)
    {
        if (filter is null) return null;
        var options = new FilterOptions();
        if (filter.EventTypes is { Count: > 0 } types)
            options.EventType = new FilterOptions.Types.Expression
            {
                Regex = "^(?:" + string.Join('|', types.Order(StringComparer.Ordinal).Select(Regex.Escape)) + ")$",
            };
        else if (filter.StreamPrefix is { Length: > 0 } prefix)
            options.StreamIdentifier = new FilterOptions.Types.Expression { Prefix = { prefix } };
        else
            // No property to filter on: still keep EventStoreDB's own events on the server.
            options.EventType = new FilterOptions.Types.Expression { Regex = @"^[^\$]" };

        // The server checkpoints every window × multiplier events it has looked at.
        var interval = (uint)Math.Max(1, filter.CheckpointInterval);
        options.Max = Math.Min(interval, FilterWindow);
        options.CheckpointIntervalMultiplier = Math.Max(1, interval / options.Max);
        return options;
    }
}
