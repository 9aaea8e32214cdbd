using Timeline.Domain.Events;
using Timeline.Ingestion.Articles;
using Timeline.Ingestion.Extraction;

namespace Timeline.Ingestion.Tests.Support;

public static class Extract
{
    public static readonly DateOnly DefaultPublished = new(2021, 6, 10);

    public static IReadOnlyList<TimelineEvent> From(string body, DateOnly? published = null) =>
        ArticleExtractor.Default.Extract(new ArticleDocument { Id = "unit-test", Body = body }, published ?? DefaultPublished).Events;

    public static IReadOnlyList<T> Of<T>(string body, DateOnly? published = null) where T : TimelineEvent =>
        From(body, published).OfType<T>().ToList();
}
