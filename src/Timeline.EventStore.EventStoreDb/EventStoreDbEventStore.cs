using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Timeline.EventStore.EventStoreDb.Connection;
using Timeline.EventStore.EventStoreDb.Protocol;
using Timeline.EventStore.EventStoreDb.Protocol.Streams;

namespace Timeline.EventStore.EventStoreDb;

/// <summary>
/// The store port over EventStoreDB's own gRPC protocol (server 22.10 and later): streams, <c>$all</c>, optimistic
/// concurrency, idempotent appends and catch-up subscriptions are the server's; this class maps them to the port and
/// hides what is EventStoreDB's own business (system events and streams, whose names start with <c>$</c>).
/// One file per operation: <c>.Append</c>, <c>.Read</c>, <c>.Subscribe</c>.
/// </summary>
public sealed partial class EventStoreDbEventStore : IEventStore
{
    /// <summary>Events per read call; longer reads are paged, so a dropped connection costs one page, not the whole read.</summary>
    public const int PageSize = 512;

    private readonly EsdbConnection _connection;
    private readonly EventStoreLimits _limits;

    public EventStoreDbEventStore(EsdbConnectionString settings, EventStoreLimits? limits = null)
    {
        _connection = new EsdbConnection(settings);
        _limits = limits ?? EventStoreLimits.Default;
    }

    /// <summary>A store for a connection string such as <c>esdb://127.0.0.1:2113?tls=false</c>; connects on first use.</summary>
    public static EventStoreDbEventStore Create(string connectionString, EventStoreLimits? limits = null) =>
        new(EsdbConnectionString.Parse(connectionString), limits);

    /// <summary>Like <see cref="Create"/>, then asks the server for the head of the log, so an unreachable server fails here with a clear message.</summary>
    public static async Task<EventStoreDbEventStore> Connect(string connectionString, EventStoreLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        var store = Create(connectionString, limits);
        try
        {
            await store.ReadRawHead(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string Description => _connection.Settings.Redacted;

    /// <summary>The node calls go to now (after discovery and redirects); null before the first call.</summary>
    public EsdbEndpoint? CurrentNode => _connection.CurrentEndpoint;

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static StreamIdentifier StreamId(string stream) => new() { StreamName = ByteString.CopyFromUtf8(stream) };

    private static Streams.StreamsClient Client(GrpcChannel channel) => new(channel);

    /// <summary>EventStoreDB's own events ($statsCollected, $metadata, stream settings…) are not Timeline's.</summary>
    private static bool IsSystem(string stream, string type) =>
        stream.StartsWith('$') || type.StartsWith('$');

    private static RecordedEvent ToRecorded(ReadResp.Types.ReadEvent.Types.RecordedEvent e)
    {
        var created = e.Metadata.TryGetValue("created", out var ticksText) && long.TryParse(ticksText, out var ticks)
            ? DateTimeOffset.UnixEpoch.AddTicks(ticks)
            : DateTimeOffset.UnixEpoch;
        return new RecordedEvent(
            e.StreamIdentifier?.StreamName.ToStringUtf8() ?? "",
            e.StreamRevision,
            new LogPosition(e.CommitPosition, e.PreparePosition),
            Uuids.FromWire(e.Id),
            e.Metadata.TryGetValue("type", out var type) ? type : "",
            e.Data.ToByteArray(),
            e.CustomMetadata.ToByteArray(),
            created);
    }

    /// <summary>One bounded read call, buffered, so that it can be repeated as a whole on another node.</summary>
    private Task<List<ReadResp>> ReadPage(ReadReq request, string operation, CancellationToken cancellationToken) =>
        _connection.Execute(operation, async (channel, options) =>
        {
            using var call = Client(channel).Read(request, options);
            var responses = new List<ReadResp>();
            while (await call.ResponseStream.MoveNext(options.CancellationToken).ConfigureAwait(false))
                responses.Add(call.ResponseStream.Current);
            return responses;
        }, cancellationToken);

    private static ReadReq.Types.Options.Types.UUIDOption StructuredIds => new() { Structured = new Empty() };
}
