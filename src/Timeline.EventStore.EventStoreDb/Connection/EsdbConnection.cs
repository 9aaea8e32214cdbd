using System.Globalization;
using System.Net.Security;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Timeline.EventStore.EventStoreDb.Protocol;
using Timeline.EventStore.EventStoreDb.Protocol.Gossip;

namespace Timeline.EventStore.EventStoreDb.Connection;

/// <summary>
/// Which node to talk to and how: one gRPC channel per node, the leader found through gossip for clusters,
/// "not leader" answers followed to the node they name, and transport failures turned into a rediscovery
/// (clusters) or a clear <see cref="EventStoreUnavailableException"/> (nothing answers).
/// </summary>
internal sealed class EsdbConnection : IAsyncDisposable
{
    private const string HowToStart =
        "Start one with `docker compose up -d eventstore` (see docs/eventstoredb.md), or use the embedded store with --store sqlite:./data/timeline.db.";

    private readonly Dictionary<EsdbEndpoint, GrpcChannel> _channels = new();
    private readonly object _gate = new();
    private readonly Metadata _headers;
    private EsdbEndpoint? _current;

    public EsdbConnection(EsdbConnectionString settings)
    {
        Settings = settings;
        _headers = new Metadata
        {
            // Without this header a follower serves the call itself; with it, it answers "not leader" and names the leader.
            { "requires-leader", "true" },
        };
        if (settings.UserName is not null)
            _headers.Add("authorization",
                "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}")));
        if (settings.ConnectionName is not null)
            _headers.Add("connection-name", settings.ConnectionName);
    }

    public EsdbConnectionString Settings { get; }

    /// <summary>The node calls currently go to, if one has been chosen.</summary>
    public EsdbEndpoint? CurrentEndpoint
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>How many failed attempts an operation makes before it reports the store unavailable.</summary>
    public int MaxAttempts => Settings.UsesGossip ? Math.Max(Settings.MaxDiscoverAttempts, 2) : 3;

    /// <summary>
    /// Subscriptions wait longer than single calls for a node to come back (a restart takes seconds), since giving up
    /// ends the subscriber's work rather than one request.
    /// </summary>
    public int SubscriptionMaxAttempts => Math.Max(MaxAttempts, 20);

    public CallOptions CallOptions(CancellationToken cancellationToken, bool withDeadline = true) =>
        new(_headers, withDeadline ? DateTime.UtcNow + Settings.DefaultDeadline : null, cancellationToken);

    /// <summary>The channel to the node calls should go to now (discovering the leader first when needed).</summary>
    public async Task<(EsdbEndpoint Endpoint, GrpcChannel Channel)> Channel(CancellationToken cancellationToken)
    {
        var endpoint = CurrentEndpoint;
        if (endpoint is null)
        {
            endpoint = Settings.UsesGossip ? await DiscoverLeader(cancellationToken).ConfigureAwait(false) : Settings.Hosts[0];
            lock (_gate) _current = endpoint;
        }
        return (endpoint.Value, ChannelFor(endpoint.Value));
    }

    /// <summary>
    /// Runs a call on the current node, following "not leader" answers and retrying transport failures on a
    /// rediscovered node. Every operation that goes through here is safe to repeat: appends are idempotent by event id.
    /// </summary>
    public async Task<T> Execute<T>(string operation, Func<GrpcChannel, CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (endpoint, channel) = await Channel(cancellationToken).ConfigureAwait(false);
            try
            {
                return await call(channel, CallOptions(cancellationToken)).ConfigureAwait(false);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                var failure = Classify(e, endpoint, operation);
                if (failure is not null) throw failure;
                if (attempt >= MaxAttempts) throw Unavailable(endpoint, e);
                // A follower that named the leader has nothing to recover from: go there at once.
                if (!TryGetLeader(e, out _))
                    await Task.Delay(RetryDelay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Decides what an error means: null when the call should be retried (after a redirect or with a fresh
    /// node), otherwise the exception to throw. Subscriptions use it too.
    /// </summary>
    public Exception? Classify(RpcException e, EsdbEndpoint endpoint, string operation)
    {
        if (TryGetLeader(e, out var leader))
        {
            lock (_gate) _current = leader;
            return null;
        }
        switch (e.StatusCode)
        {
            case StatusCode.Unavailable:
            case StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled when IsTransportFailure(e):
                // The node died or restarted: a cluster elects or still has another leader; a single node may come back.
                lock (_gate)
                    if (_current == endpoint && Settings.UsesGossip)
                        _current = null;
                return null;
            case StatusCode.DeadlineExceeded:
                return new EventStoreUnavailableException(
                    $"EventStoreDB at {endpoint} did not answer {operation} within {Settings.DefaultDeadline.TotalMilliseconds:0} ms " +
                    "(defaultDeadline in the connection string).", e);
            case StatusCode.Unauthenticated:
            case StatusCode.PermissionDenied:
                return new EventStoreUnavailableException(
                    $"EventStoreDB at {endpoint} refused {operation}: {e.Status.Detail} (check username:password@ in {Settings.Redacted}).", e);
            default:
                return new EventStoreUnavailableException(
                    $"EventStoreDB at {endpoint} failed {operation}: {e.StatusCode} {e.Status.Detail}", e);
        }
    }

    /// <summary>A connection that broke or was reset under the call (a node going down), rather than an answer from the server.</summary>
    private static bool IsTransportFailure(RpcException e)
    {
        for (Exception? inner = e.Status.DebugException ?? e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is IOException or HttpRequestException or System.Net.Sockets.SocketException or ObjectDisposedException)
                return true;
        return false;
    }

    public EventStoreUnavailableException Unavailable(EsdbEndpoint endpoint, Exception? inner) =>
        new($"EventStoreDB is unreachable at {Settings.Scheme}://{endpoint} ({Settings.Redacted}): " +
            $"{Describe(inner)}. {HowToStart}", inner);

    public TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(Settings.DiscoveryInterval.TotalMilliseconds * attempt, 2000));

    /// <summary>The server's "not leader" answer: status NotFound, trailer exception=not-leader, and the leader's host and port.</summary>
    public static bool TryGetLeader(RpcException e, out EsdbEndpoint leader)
    {
        leader = default;
        if (e.Trailers.GetValue("exception") != "not-leader") return false;
        var host = e.Trailers.GetValue("leader-endpoint-host");
        var port = e.Trailers.GetValue("leader-endpoint-port");
        if (string.IsNullOrEmpty(host) || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p)) return false;
        leader = new EsdbEndpoint(host, p);
        return true;
    }

    private async Task<EsdbEndpoint> DiscoverLeader(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        IReadOnlyList<EsdbEndpoint> candidates = Settings.Hosts;
        for (var attempt = 1; attempt <= Settings.MaxDiscoverAttempts; attempt++)
        {
            var learned = new List<EsdbEndpoint>();
            foreach (var seed in candidates)
            {
                try
                {
                    var client = new Gossip.GossipClient(ChannelFor(seed));
                    var info = await client.ReadAsync(new Empty(),
                        new CallOptions(_headers, DateTime.UtcNow + Settings.GossipTimeout, cancellationToken)).ConfigureAwait(false);
                    if (ClusterView.LeaderOf(info) is { } leader) return leader;
                    learned.AddRange(ClusterView.AliveMembers(info));
                    failures.Add($"{seed}: no live leader among {info.Members.Count} member(s)");
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failures.Add($"{seed}: {Describe(e)}");
                }
            }
            // Members a seed told us about are asked next round too: a seed may be the very node that died.
            candidates = Settings.Hosts.Concat(learned).Distinct().ToList();
            if (attempt < Settings.MaxDiscoverAttempts)
                await Task.Delay(Settings.DiscoveryInterval, cancellationToken).ConfigureAwait(false);
        }
        throw new EventStoreUnavailableException(
            $"No EventStoreDB leader found through gossip ({Settings.Redacted}) after {Settings.MaxDiscoverAttempts} attempt(s): " +
            $"{string.Join("; ", failures.TakeLast(Settings.Hosts.Count + 2))}. {HowToStart}");
    }

    private GrpcChannel ChannelFor(EsdbEndpoint endpoint)
    {
        lock (_gate)
        {
            if (_channels.TryGetValue(endpoint, out var channel)) return channel;
            var handler = new SocketsHttpHandler
            {
                ConnectTimeout = Settings.ConnectionTimeout,
                KeepAlivePingDelay = TimeSpan.FromSeconds(10),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            };
            if (Settings.UseTls && !Settings.VerifyCertificate)
                handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
            var host = endpoint.Host.Contains(':') ? $"[{endpoint.Host}]" : endpoint.Host;
            channel = GrpcChannel.ForAddress($"{Settings.Scheme}://{host}:{endpoint.Port}", new GrpcChannelOptions
            {
                HttpHandler = handler,
                DisposeHttpClient = true,
                // Events are up to 16 MiB on the server side; reads carry several per message batch.
                MaxReceiveMessageSize = 32 * 1024 * 1024,
            });
            _channels[endpoint] = channel;
            return channel;
        }
    }

    private static string Describe(Exception? e) => e switch
    {
        null => "no answer",
        RpcException rpc when rpc.Status.DebugException is { } inner => $"{rpc.StatusCode}: {Innermost(inner).Message}",
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => Innermost(e).Message,
    };

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var channel in _channels.Values) channel.Dispose();
            _channels.Clear();
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>Reading a gossip answer.</summary>
internal static class ClusterView
{
    /// <summary>The live leader; during an election two nodes may claim it, and the most recent claim wins.</summary>
    public static EsdbEndpoint? LeaderOf(ClusterInfo info) =>
        info.Members
            .Where(m => m.IsAlive && m.State == MemberInfo.Types.VNodeState.Leader && m.HttpEndPoint is not null)
            .OrderByDescending(m => m.TimeStamp)
            .Select(m => (EsdbEndpoint?)new EsdbEndpoint(m.HttpEndPoint.Address, (int)m.HttpEndPoint.Port))
            .FirstOrDefault();

    public static IEnumerable<EsdbEndpoint> AliveMembers(ClusterInfo info) =>
        info.Members
            .Where(m => m.IsAlive && m.HttpEndPoint is not null)
            .Select(m => new EsdbEndpoint(m.HttpEndPoint.Address, (int)m.HttpEndPoint.Port));
}
