using MediatR;
using Timeline.Domain.Events;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;
using Timeline.Ingestion.Articles;
using Timeline.Ingestion.Dates;
using Timeline.Ingestion.Extraction;

namespace Timeline.Application.Ingestion.IngestArticle;

/// <summary>
/// Extracts one article's events and appends them, after its <see cref="ArticleIngested"/> record, in one atomic append
/// to <c>article-&lt;id&gt;</c> expecting no stream. The same article again is a duplicate (also when a concurrent
/// ingest of it wins the race); anything wrong with the article is a failure with a reason, and nothing is stored.
/// </summary>
public sealed class IngestArticleHandler(IEventStore store, ArticleExtractor extractor, TimeProvider clock)
    : IRequestHandler<IngestArticle, IngestArticleResult>
{
    public async Task<IngestArticleResult> Handle(IngestArticle request, CancellationToken cancellationToken)
    {
        var input = request.Article;
        ExtractionResult extraction;
        try
        {
            DateOnly? fallback = string.IsNullOrWhiteSpace(request.DefaultPublished) ? null : PublicationContext.ParsePublished(request.DefaultPublished, "--published");
            extraction = extractor.Extract(new ArticleDocument
            {
                Id = input.Id, Title = input.Title, Outlet = input.Outlet, Url = input.Url, Published = input.Published,
                Language = input.Language, Body = input.Body, Origin = input.Origin,
            }, fallback);
        }
        catch (ArticleRejectedException ex)
        {
            return Failed(input, null, ex.Message);
        }

        var stream = ArticleStreams.For(extraction.ArticleId);
        var existing = await CompareWithStored(stream, extraction, input, cancellationToken);
        if (existing is not null) return existing;

        var ingested = new ArticleIngested
        {
            EventId = DeterministicGuid.Create(extraction.ArticleId.Value, "ArticleIngested", extraction.ContentHash),
            ArticleId = extraction.ArticleId,
            Title = input.Title,
            Outlet = input.Outlet,
            Url = input.Url,
            Published = extraction.Published,
            Language = input.Language,
            ContentHash = extraction.ContentHash,
            IngestedAt = clock.GetUtcNow(),
            ExtractorVersion = ArticleExtractor.Version,
            EventCount = extraction.Events.Count,
        };
        var data = new List<EventData>(extraction.Events.Count + 1) { DomainEventSerializer.Serialize(ingested, ArticleExtractor.Version) };
        data.AddRange(extraction.Events.Select(e => DomainEventSerializer.Serialize(e, ArticleExtractor.Version)));

        try
        {
            var result = await store.AppendToStream(stream, ExpectedRevision.NoStream, data, cancellationToken);
            return new IngestArticleResult
            {
                Outcome = IngestOutcome.Ingested,
                ArticleId = extraction.ArticleId.Value,
                Origin = input.Origin,
                EventsByType = CountByType(extraction),
                Position = result.Position.ToString(),
            };
        }
        catch (WrongExpectedRevisionException)
        {
            // Someone stored this article id between our check and our append (a concurrent ingest of the same file).
            return await CompareWithStored(stream, extraction, input, cancellationToken)
                   ?? Failed(input, extraction.ArticleId.Value, $"stream '{stream}' changed while ingesting; try again.");
        }
        catch (InvalidEventException ex)
        {
            return Failed(input, extraction.ArticleId.Value, $"the store refused the events: {ex.Message}");
        }
    }

    /// <summary>Null when nothing is stored under the article's id; else Duplicate (same content) or Failed (other content).</summary>
    private async Task<IngestArticleResult?> CompareWithStored(string stream, ExtractionResult extraction, ArticleInput input, CancellationToken cancellationToken)
    {
        var state = await store.GetStreamState(stream, cancellationToken);
        if (!state.Exists) return null;
        await foreach (var recorded in store.ReadStream(stream, ReadDirection.Forwards, 0, 1, cancellationToken))
        {
            if (DomainEventSerializer.Deserialize(recorded) is StoredEvent.Known { Event: ArticleIngested stored }
                && stored.ContentHash != extraction.ContentHash)
                return Failed(input, extraction.ArticleId.Value,
                    $"article id '{extraction.ArticleId}' is already stored with different content; give the new version its own id.");
        }
        return new IngestArticleResult
        {
            Outcome = IngestOutcome.Duplicate,
            ArticleId = extraction.ArticleId.Value,
            Origin = input.Origin,
            EventsByType = CountByType(extraction),
        };
    }

    private static Dictionary<string, int> CountByType(ExtractionResult extraction) =>
        extraction.Events.GroupBy(e => Timeline.Domain.Serialization.EventTypeMap.For(e).Name).ToDictionary(g => g.Key, g => g.Count());

    private static IngestArticleResult Failed(ArticleInput input, string? articleId, string reason) => new()
    {
        Outcome = IngestOutcome.Failed,
        ArticleId = articleId,
        Origin = input.Origin,
        Reason = reason,
    };
}
