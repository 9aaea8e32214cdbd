using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Timeline.Api.Events.Subscriptions;
using Timeline.Api.Hosting;
using Timeline.Api.V1;
using Timeline.Application;
using Timeline.EventStore;
using Timeline.EventStore.Memory;

namespace Timeline.Api.Tests.Support;

/// <summary>A real <see cref="TimelineServer"/> on free loopback ports, with clients for it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-7f3a";

    private readonly List<GrpcChannel> _channels = [];

    private RunningServer(TimelineServer server, IEventStore store)
    {
        Server = server;
        Store = store;
        Channel = NewChannel();
        Web = new HttpClient { BaseAddress = server.WebAddress, DefaultRequestVersion = System.Net.HttpVersion.Version11 };
    }

    public TimelineServer Server { get; }
    /// <summary>The server's store; it outlives the server, so tests can look at what a stopped server left behind.</summary>
    public IEventStore Store { get; }
    public GrpcChannel Channel { get; }
    public HttpClient Web { get; }

    public V1.Timelines.TimelinesClient Timelines => new(Channel);
    public V1.Events.EventsClient Events => new(Channel);
    public V1.Projections.ProjectionsClient Projections => new(Channel);
    public SubscriptionMonitor Subscriptions => Server.Services.GetRequiredService<SubscriptionMonitor>();

    public static Metadata Admin(string token = AdminToken) => new() { { "authorization", "Bearer " + token } };

    public static async Task<RunningServer> Start(string? adminToken = AdminToken, SubscriptionOptions? subscriptions = null,
        IEventStore? store = null, int maxRequestBytes = 4 * 1024 * 1024)
    {
        store ??= new MemoryEventStore();
        var server = TimelineServer.Create(new TimelineServerOptions
        {
            GrpcUrl = "http://127.0.0.1:0",
            WebUrl = "http://127.0.0.1:0",
            AdminToken = adminToken,
            Subscriptions = subscriptions ?? new SubscriptionOptions(),
            MaxRequestBytes = maxRequestBytes,
            MinimumLogLevel = LogLevel.Warning,
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        }, services => Backend(services, store));
        await server.StartAsync();
        return new RunningServer(server, store);
    }

    private static void Backend(IServiceCollection services, IEventStore store)
    {
        services.AddSingleton(store);
        services.AddTimelineMediator(typeof(RunningServer).Assembly);
    }

    public GrpcChannel NewChannel()
    {
        var channel = GrpcChannel.ForAddress(Server.GrpcAddress);
        lock (_channels) _channels.Add(channel);
        return channel;
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
    }
}
