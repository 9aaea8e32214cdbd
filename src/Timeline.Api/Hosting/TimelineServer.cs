using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Timeline.Api.Errors;
using Timeline.Api.Events;
using Timeline.Api.Events.Subscriptions;
using Timeline.Api.Projections;
using Timeline.Api.Security;
using Timeline.Api.Timelines;

namespace Timeline.Api.Hosting;

/// <summary>
/// The gRPC service in one process, for <c>timeline serve</c> and for tests (real Kestrel, port 0 for a free port).
/// The caller supplies the back end (the event store, MediatR handlers, the projection runner) through
/// <c>configureServices</c>; see <see cref="TimelineBackend"/> for the product's wiring.
/// </summary>
public sealed class TimelineServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Holder _grpc;
    private readonly Holder? _web;

    private TimelineServer(WebApplication app, Holder grpc, Holder? web)
    {
        _app = app;
        _grpc = grpc;
        _web = web;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The gRPC (h2c) address actually bound; known after <see cref="StartAsync"/>.</summary>
    public Uri GrpcAddress => _grpc.Address;

    /// <summary>The JSON (HTTP/1.1) address actually bound, or null when there is none.</summary>
    public Uri? WebAddress => _web?.Address;

    public static TimelineServer Create(TimelineServerOptions options, Action<IServiceCollection> configureServices)
    {
        var grpcAt = ListenAddress.Parse(options.GrpcUrl, "--urls");
        var webAt = string.IsNullOrWhiteSpace(options.WebUrl) ? null : ListenAddress.Parse(options.WebUrl, "--web-urls");
        var grpc = new Holder();
        var web = webAt is null ? null : new Holder();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TimelineServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            kestrel.Listen(grpcAt.EndPoint, listen =>
            {
                // Plaintext with HTTP/1.1 and HTTP/2 both on would be HTTP/1.1 only, and every gRPC client would fail.
                listen.Protocols = HttpProtocols.Http2;
                grpc.Listen = listen;
            });
            if (webAt is not null)
                kestrel.Listen(webAt.EndPoint, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    web!.Listen = listen;
                });
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        // Per-request framework chatter would drown the service's own lines.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", options.MinimumLogLevel);

        var services = builder.Services;
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        services.AddGrpc(grpcOptions =>
        {
            grpcOptions.MaxReceiveMessageSize = options.MaxRequestBytes;
            grpcOptions.EnableDetailedErrors = false;
            grpcOptions.Interceptors.Add<ErrorMappingInterceptor>();
        }).AddJsonTranscoding();
        services.AddGrpcReflection();
        // Checked on every request rather than from a cache that starts out "unknown" for its first seconds.
        services.AddGrpcHealthChecks(health => health.UseHealthChecksCache = false)
            .AddCheck<EventStoreHealthCheck>("event-store");
        services.AddSingleton(new AdminGuard(options.AdminToken));
        services.AddSingleton(options.Subscriptions);
        services.AddSingleton<SubscriptionMonitor>();
        services.AddSingleton<LiveFeed>();
        configureServices(services);
        if (!string.IsNullOrWhiteSpace(options.IngestPath)
            && !services.Any(d => d.ServiceType == typeof(StartupIngestion.ArticleFileReader)))
            throw new InvalidOperationException($"--ingest {options.IngestPath}: this build has no article file reader (the ingestion module is not wired in).");
        if (!string.IsNullOrWhiteSpace(options.IngestPath))
            services.AddSingleton(new StartupIngestion.Settings(options.IngestPath))
                .AddHostedService<StartupIngestion>();

        var app = builder.Build();
        app.MapGrpcService<TimelinesService>();
        app.MapGrpcService<EventsService>();
        app.MapGrpcService<ProjectionsService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapGet("/", () => Results.Text(
            "Timeline: JSON at /v1/actors?search=, /v1/actors/{actor}/timeline, /v1/countries/{country}/timeline, /v1/projections; " +
            "gRPC (package timeline.v1, with reflection) on the gRPC endpoint.\n"));

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<TimelineServer>();
        var admin = app.Services.GetRequiredService<AdminGuard>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            logger.LogInformation("gRPC (h2c) listening on {GrpcAddress}", grpc.Address);
            if (web is not null) logger.LogInformation("JSON (HTTP/1.1) listening on {WebAddress}", web.Address);
            if (!admin.Enabled)
                logger.LogInformation("Admin calls (IngestArticle, Replay) are disabled: set {Variable} to enable them", AdminGuard.EnvironmentVariable);
        });
        app.Lifetime.ApplicationStopping.Register(() => logger.LogInformation("Shutting down: finishing in-flight calls"));

        return new TimelineServer(app, grpc, web);
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Graceful stop: no new calls, in-flight calls finish, subscriptions end with a resume position, hosted services stop.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the host is told to stop (SIGTERM, Ctrl-C), then stops gracefully.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(CancellationToken.None);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStopping = _app.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult());
        using var onCancel = cancellationToken.Register(() => stopped.TrySetResult());
        await stopped.Task;
        await StopAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Kestrel fills in the real port of a port-0 endpoint on its listen options once bound.</summary>
    private sealed class Holder
    {
        public ListenOptions? Listen { get; set; }

        public Uri Address => Listen?.IPEndPoint is { } ep
            ? new Uri($"http://{(ep.Address.Equals(IPAddress.Any) ? "127.0.0.1" : ep.Address.ToString())}:{ep.Port}")
            : throw new InvalidOperationException("The server has not started yet.");
    }
}
