using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Timeline.Api.Events.Subscriptions;
using Timeline.Api.Hosting;
using Timeline.Api.V1;
using Timeline.Application.Hosting;
using Timeline.EventStore;

namespace Timeline.Api.Tests.Support;

/// <summary>A real <see cref="TimelineServer"/> on free loopback ports, with clients for it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-7f3a";

    private readonly List<GrpcChannel> _channels = [];

    private readonly string _folder;

    private readonly bool _ownsStore;

    private RunningServer(TimelineServer server, IEventStore store, string folder, bool ownsStore)
    {
        _folder = folder;
        _ownsStore = ownsStore;
        Server = server;
        Store = store;
        Channel = NewChannel();
        Web = new HttpClient { BaseAddress = server.WebAddress, DefaultRequestVersion = System.Net.HttpVersion.Version11 };
    }

    public TimelineServer Server { get; }
    /// <summary>The server's store (SQLite in a temp folder, with the read models beside it); it outlives the server until disposed.</summary>
    public IEventStore Store { get; }
    public GrpcChannel Channel { get; }
    public HttpClient Web { get; }

    public V1.Timelines.TimelinesClient Timelines => new(Channel);
    public V1.Events.EventsClient Events => new(Channel);
    public V1.Projections.ProjectionsClient Projections => new(Channel);
    public SubscriptionMonitor Subscriptions => Server.Services.GetRequiredService<SubscriptionMonitor>();
    public LiveFeed Feed => Server.Services.GetRequiredService<LiveFeed>();

    public static Metadata Admin(string token = AdminToken) => new() { { "authorization", "Bearer " + token } };

    public static async Task<RunningServer> Start(string? adminToken = AdminToken, SubscriptionOptions? subscriptions = null,
        IEventStore? store = null, int maxRequestBytes = 4 * 1024 * 1024, string? dataDirectory = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "timeline-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var ownsStore = store is null;
        store ??= await EventStoreFactory.Open(StoreUri.Parse("sqlite:" + Path.Combine(folder, "events.db")));
        var server = TimelineServer.Create(new TimelineServerOptions
        {
            GrpcUrl = "http://127.0.0.1:0",
            WebUrl = "http://127.0.0.1:0",
            AdminToken = adminToken,
            Subscriptions = subscriptions ?? new SubscriptionOptions(),
            MaxRequestBytes = maxRequestBytes,
            MinimumLogLevel = LogLevel.Warning,
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        }, services => services.AddTimelineBackend(store, dataDirectory ?? Path.Combine(folder, "data")));
        await server.StartAsync();
        return new RunningServer(server, store, folder, ownsStore);
    }

    public GrpcChannel NewChannel()
    {
        var channel = GrpcChannel.ForAddress(Server.GrpcAddress);
        lock (_channels) _channels.Add(channel);
        return channel;
    }

    /// <summary>The actor's timeline, or null while the projections have not seen the actor yet (NOT_FOUND).</summary>
    public async Task<GetActorTimelineResponse?> ActorTimelineOnceKnown(GetActorTimelineRequest request)
    {
        try
        {
            return await Timelines.GetActorTimelineAsync(request);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; projections are eventually consistent with the log.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        await Server.DisposeAsync();
        Web.Dispose();
        lock (_channels) _channels.ForEach(c => c.Dispose());
        if (_ownsStore) await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
