using System.Text.RegularExpressions;
using Grpc.Core;
using Timeline.EventStore.EventStoreDb.Protocol;
using Timeline.EventStore.EventStoreDb.Protocol.Gossip;
using Timeline.EventStore.EventStoreDb.Protocol.Streams;
using static Timeline.EventStore.EventStoreDb.Protocol.Streams.ReadReq.Types.Options.Types;

namespace Timeline.EventStore.EventStoreDb.Tests.Fake;

/// <summary>The Streams service as EventStoreDB serves it, over the node's log.</summary>
internal sealed class FakeStreamsService(FakeNode node) : Streams.StreamsBase
{
    public override async Task<AppendResp> Append(IAsyncStreamReader<AppendReq> requestStream, ServerCallContext context)
    {
        Admit(context);
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.ContentCase != AppendReq.ContentOneofCase.Options)
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first append message must carry the options."));
        var options = requestStream.Current.Options;
        var proposed = new List<AppendReq.Types.ProposedMessage>();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var message = requestStream.Current;
            if (message.ContentCase != AppendReq.ContentOneofCase.ProposedMessage)
                throw new RpcException(new Status(StatusCode.InvalidArgument, "Only proposed messages may follow the options."));
            foreach (var required in new[] { "type", "content-type" })
                if (!message.ProposedMessage.Metadata.ContainsKey(required))
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"Required metadata property '{required}' is missing."));
            proposed.Add(message.ProposedMessage);
        }
        node.Appends.Enqueue(options);
        foreach (var p in proposed) node.Proposed.Enqueue(p);
        if (node.AppendDelay > TimeSpan.Zero)
            await Task.Delay(node.AppendDelay, context.CancellationToken);
        return node.Log.Append(options, proposed);
    }

    public override async Task Read(ReadReq request, IServerStreamWriter<ReadResp> responseStream, ServerCallContext context)
    {
        Admit(context);
        node.Reads.Enqueue(request);
        var options = request.Options;
        var structured = options.UuidOption?.ContentCase == UUIDOption.ContentOneofCase.Structured;
        var filter = options.FilterOptionCase == ReadReq.Types.Options.FilterOptionOneofCase.Filter ? options.Filter : null;

        if (options.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription)
        {
            await Subscribe(options, filter, structured, responseStream, context);
            return;
        }

        IEnumerable<FakeRecord> records;
        var forwards = options.ReadDirection == ReadReq.Types.Options.Types.ReadDirection.Forwards;
        if (options.StreamOptionCase == ReadReq.Types.Options.StreamOptionOneofCase.Stream)
        {
            var name = options.Stream.StreamIdentifier.StreamName.ToStringUtf8();
            var stream = node.Log.Stream(name);
            if (stream is null)
            {
                await responseStream.WriteAsync(new ReadResp
                {
                    StreamNotFound = new ReadResp.Types.StreamNotFound { StreamIdentifier = options.Stream.StreamIdentifier },
                });
                return;
            }
            var s = options.Stream;
            records = s.RevisionOptionCase switch
            {
                StreamOptions.RevisionOptionOneofCase.Revision when forwards => stream.Where(r => r.Revision >= s.Revision),
                StreamOptions.RevisionOptionOneofCase.Revision => stream.Where(r => r.Revision <= s.Revision).Reverse(),
                StreamOptions.RevisionOptionOneofCase.Start when forwards => stream,
                StreamOptions.RevisionOptionOneofCase.Start => stream.Take(1),
                StreamOptions.RevisionOptionOneofCase.End when forwards => [],
                _ => Enumerable.Reverse(stream),
            };
        }
        else
        {
            var all = node.Log.All;
            var a = options.All;
            // Forwards from a position includes the record there; backwards from a position starts before it.
            records = a.AllOptionCase switch
            {
                AllOptions.AllOptionOneofCase.Position when forwards => all.Where(r => Compare(r, a.Position) >= 0),
                AllOptions.AllOptionOneofCase.Position => all.Where(r => Compare(r, a.Position) < 0).Reverse(),
                AllOptions.AllOptionOneofCase.Start when forwards => all,
                AllOptions.AllOptionOneofCase.Start => [],
                AllOptions.AllOptionOneofCase.End when forwards => [],
                _ => Enumerable.Reverse(all),
            };
            if (filter is not null) records = records.Where(r => Matches(filter, r));
        }

        foreach (var r in records.Take((int)Math.Min(options.Count, int.MaxValue)))
            await responseStream.WriteAsync(Event(r, structured));
    }

    private async Task Subscribe(ReadReq.Types.Options options, FilterOptions? filter, bool structured,
        IServerStreamWriter<ReadResp> responseStream, ServerCallContext context)
    {
        if (options.StreamOptionCase != ReadReq.Types.Options.StreamOptionOneofCase.All)
            throw new RpcException(new Status(StatusCode.Unimplemented, "The fake subscribes to $all only."));
        Interlocked.Increment(ref node.SubscriptionsOpened);
        var dropAfter = node.DropNextSubscriptionAfter;
        node.DropNextSubscriptionAfter = null;

        await responseStream.WriteAsync(new ReadResp
        {
            Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = Guid.NewGuid().ToString() },
        });

        var a = options.All;
        var snapshot = node.Log.All;
        // A subscription from a position delivers what comes after it.
        var next = a.AllOptionCase switch
        {
            AllOptions.AllOptionOneofCase.Start => 0,
            AllOptions.AllOptionOneofCase.End => snapshot.Count,
            _ => snapshot.Count(r => Compare(r, a.Position) <= 0),
        };
        var checkpointEvery = filter is null ? 0 : (filter.WindowCase == FilterOptions.WindowOneofCase.Max ? filter.Max : 32) * Math.Max(1, filter.CheckpointIntervalMultiplier);
        long examined = 0, delivered = 0;
        var caughtUpSent = false;
        try
        {
            while (!context.CancellationToken.IsCancellationRequested)
            {
                var written = node.Log.Written;
                snapshot = node.Log.All;
                while (next < snapshot.Count)
                {
                    var r = snapshot[next++];
                    examined++;
                    if (filter is null || Matches(filter, r))
                    {
                        await responseStream.WriteAsync(Event(r, structured));
                        if (++delivered == dropAfter)
                        {
                            // The connection goes away mid-subscription, as when a node restarts.
                            context.GetHttpContext().Abort();
                            return;
                        }
                    }
                    if (checkpointEvery > 0 && examined % checkpointEvery == 0)
                        await responseStream.WriteAsync(new ReadResp
                        {
                            Checkpoint = new ReadResp.Types.Checkpoint { CommitPosition = r.Commit, PreparePosition = r.Prepare },
                        });
                }
                if (!caughtUpSent && node.SendsCaughtUp)
                {
                    caughtUpSent = true;
                    await responseStream.WriteAsync(new ReadResp { CaughtUp = new ReadResp.Types.CaughtUp() });
                }
                await written.WaitAsync(context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client ended the subscription.
        }
    }

    /// <summary>Authentication headers are recorded, and calls that require the leader are refused by followers.</summary>
    private void Admit(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue("authorization") is { } authorization)
            node.Authorizations.Enqueue(authorization);
        if (node.IsLeader || context.RequestHeaders.GetValue("requires-leader") != "true") return;
        var leader = node.Leader ?? throw new RpcException(new Status(StatusCode.Unavailable, "No leader elected."));
        Interlocked.Increment(ref node.Redirected);
        throw new RpcException(new Status(StatusCode.NotFound, "Leader info available"), new Metadata
        {
            { "exception", "not-leader" },
            { "leader-endpoint-host", leader.Host },
            { "leader-endpoint-port", leader.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
    }

    private static ReadResp Event(FakeRecord r, bool structured) => new()
    {
        Event = new ReadResp.Types.ReadEvent { Event = FakeLog.ToWire(r, structured), CommitPosition = r.Commit },
    };

    private static int Compare(FakeRecord r, Position p)
    {
        var c = r.Commit.CompareTo(p.CommitPosition);
        return c != 0 ? c : r.Prepare.CompareTo(p.PreparePosition);
    }

    private static bool Matches(FilterOptions filter, FakeRecord r)
    {
        var (expression, value) = filter.FilterCase == FilterOptions.FilterOneofCase.StreamIdentifier
            ? (filter.StreamIdentifier, r.Stream)
            : (filter.EventType, r.Type);
        return !string.IsNullOrEmpty(expression.Regex)
            ? Regex.IsMatch(value, expression.Regex)
            : expression.Prefix.Any(p => value.StartsWith(p, StringComparison.Ordinal));
    }
}

internal sealed class FakeGossipService(FakeNode node) : Gossip.GossipBase
{
    public override Task<ClusterInfo> Read(Empty request, ServerCallContext context) =>
        Task.FromResult(node.Gossip?.Invoke() ?? new ClusterInfo
        {
            Members =
            {
                new MemberInfo
                {
                    InstanceId = new UUID { String = Guid.NewGuid().ToString() },
                    State = node.IsLeader ? MemberInfo.Types.VNodeState.Leader : MemberInfo.Types.VNodeState.Follower,
                    IsAlive = true,
                    HttpEndPoint = new EndPoint { Address = node.Host, Port = (uint)node.Port },
                },
            },
        });
}
