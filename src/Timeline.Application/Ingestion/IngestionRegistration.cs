using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Timeline.Ingestion.Extraction;

namespace Timeline.Application.Ingestion;

public static class IngestionRegistration
{
    /// <summary>What <c>IngestArticle</c> needs besides the event store: the extractor (thread-safe, shared) and a clock.</summary>
    public static IServiceCollection AddTimelineIngestion(this IServiceCollection services)
    {
        services.TryAddSingleton(ArticleExtractor.Default);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
