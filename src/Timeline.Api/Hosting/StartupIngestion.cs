using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Timeline.Application.Ingestion.IngestArticle;

namespace Timeline.Api.Hosting;

/// <summary>
/// <c>timeline serve --ingest PATH</c>: once the server is up, sends every article under PATH through IngestArticle
/// (the same path as the gRPC call), so the timelines fill while the service already answers.
/// </summary>
public sealed class StartupIngestion(StartupIngestion.Settings settings, StartupIngestion.ArticleFileReader reader, IMediator mediator, ILogger<StartupIngestion> logger)
    : BackgroundService
{
    public sealed record Settings(string Path);

    /// <summary>Reads the articles under a path (files or folders) as <see cref="ArticleInput"/>s.</summary>
    public delegate IAsyncEnumerable<ArticleInput> ArticleFileReader(string path, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Ingesting articles from {Path}", settings.Path);
        int ingested = 0, duplicate = 0, failed = 0, events = 0;
        await foreach (var article in reader(settings.Path, stoppingToken))
        {
            // Not cancelled by shutdown once started: an append in flight finishes, the loop stops before the next one.
            var result = await mediator.Send(new IngestArticle(article), CancellationToken.None);
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
}
