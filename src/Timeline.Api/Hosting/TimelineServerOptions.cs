using Microsoft.Extensions.Logging;
using Timeline.Api.Events.Subscriptions;

namespace Timeline.Api.Hosting;

/// <summary>How <see cref="TimelineServer"/> runs. The defaults are those of <c>timeline serve</c>.</summary>
public sealed record TimelineServerOptions
{
    public const string DefaultGrpcUrl = "http://127.0.0.1:5080";
    public const string DefaultWebUrl = "http://127.0.0.1:5081";

    /// <summary>The gRPC endpoint: HTTP/2 only (prior knowledge), because on plaintext Kestrel cannot offer both.</summary>
    public string GrpcUrl { get; init; } = DefaultGrpcUrl;

    /// <summary>JSON over HTTP/1.1 for curl and browsers; null or empty = none.</summary>
    public string? WebUrl { get; init; } = DefaultWebUrl;

    /// <summary>The admin bearer token; null = admin calls refused.</summary>
    public string? AdminToken { get; init; }

    /// <summary>A folder (or file) of articles to ingest through IngestArticle once the server has started.</summary>
    public string? IngestPath { get; init; }

    /// <summary>Largest request message and body accepted, in bytes.</summary>
    public int MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    public SubscriptionOptions Subscriptions { get; init; } = new();

    /// <summary>How long shutdown waits for in-flight calls before giving up on them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;
}
