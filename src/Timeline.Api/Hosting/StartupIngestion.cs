using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Timeline.Application.Ingestion.IngestArticle;

namespace Timeline.Api.Hosting;

/// <summary>
/// <c>timeline serve --ingest PATH</c>: once the server is up, sends every article under PATH through IngestArticle
/// (the same path as the gRPC call), so the timelines fill while the service already answers.
/// </summary>
public sealed class StartupIngestion(
    StartupIngestion.Settings settings,
    StartupIngestion.ArticleFileReader reader,
    IMediator mediator,
    IHostApplicationLifetime lifetime,
    ILogger<StartupIngestion> logger) : BackgroundService
{
    public sealed record Settings(string Path);

    /// <summary>An article read from a file, or why it could not be read.</summary>
    public sealed record StartupArticle(string Origin, ArticleInput? Article, string? Failure);

    /// <summary>Reads the articles under a path (files or folders).</summary>
    public delegate IAsyncEnumerable<StartupArticle> ArticleFileReader(string path, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start once the endpoints are listening, so clients can watch the timelines fill.
        await WhenStarted(stoppingToken);
        logger.LogInformation("Ingesting articles from {Path}", settings.Path);
        int ingested = 0, duplicate = 0, failed = 0, events = 0;
        await foreach (var item in reader(settings.Path, stoppingToken))
        {
            if (item.Article is null)
            {
                failed++;
                logger.LogWarning("Not ingested: {Origin}: {Reason}", item.Origin, item.Failure);
                continue;
            }
            // Not cancelled by shutdown once sent: an append in flight finishes; the loop stops before the next one.
            var result = await mediator.Send(new IngestArticle(item.Article), CancellationToken.None);
            switch (result.Outcome)
            {
                case IngestOutcome.Ingested:
                    ingested++;
                    events += result.EventCount;
                    break;
                case IngestOutcome.Duplicate:
                    duplicate++;
                    break;
                default:
                    failed++;
                    logger.LogWarning("Not ingested: {Origin}: {Reason}", result.Origin, result.Reason);
                    break;
            }
            if (stoppingToken.IsCancellationRequested) break;
        }
        logger.LogInformation("Ingestion of {Path} done: {Ingested} ingested ({Events} events), {Duplicate} duplicate, {Failed} failed",
            settings.Path, ingested, events, duplicate, failed);
    }

    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }
}
