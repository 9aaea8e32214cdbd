using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Application;
using Timeline.Application.Ingestion;
using Timeline.Application.Ingestion.IngestArticle;
using Timeline.Application.Projections;
using Timeline.EventStore;
using Timeline.Ingestion.Reading;

namespace Timeline.Api.Hosting;

/// <summary>The product's back end behind the gRPC service: the event store, the MediatR handlers, the projection runner.</summary>
public static class TimelineBackend
{
    /// <param name="store">Opened by the caller, who also disposes it after the server has stopped (so the last appends land).</param>
    /// <param name="dataDirectory">Where the read models live (<c>--data</c>).</param>
    public static IServiceCollection AddTimelineBackend(this IServiceCollection services, IEventStore store, string dataDirectory)
    {
        services.AddSingleton(store);
        services.AddTimelineMediator();
        services.AddTimelineIngestion();
        // The runner is a hosted service: it catches up from its checkpoint at start, follows the log live, and
        // stores its checkpoint with the read model when the host stops.
        services.AddTimelineProjections(dataDirectory);
        services.AddSingleton<StartupIngestion.ArticleFileReader>(ReadArticles);
        return services;
    }

    /// <summary>The articles under a path, read as <c>timeline ingest</c> reads them (front matter, HTML, JSON Lines).</summary>
    private static async IAsyncEnumerable<StartupIngestion.StartupArticle> ReadArticles(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in ArticleFileReader.Expand([path]))
        {
            foreach (var outcome in ArticleFileReader.Read(file))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return outcome switch
                {
                    ReadOutcome.Read read => new StartupIngestion.StartupArticle(read.Origin, new ArticleInput
                    {
                        Id = read.Article.Id,
                        Title = read.Article.Title,
                        Outlet = read.Article.Outlet,
                        Url = read.Article.Url,
                        Published = read.Article.Published,
                        Language = read.Article.Language,
                        Body = read.Article.Body,
                        Origin = read.Article.Origin,
                    }, null),
                    ReadOutcome.Failed failed => new StartupIngestion.StartupArticle(failed.Origin, null, failed.Reason),
                    _ => throw new InvalidOperationException($"Unexpected read outcome {outcome.GetType().Name}."),
                };
            }
        }
        await Task.CompletedTask;
    }
}
