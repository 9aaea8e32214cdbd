// TEST-ONLY stand-in for the IngestArticle handler (extraction) while the ingestion module is built in parallel.
// Remove this file when main has the real handler: the tests then run unchanged against it.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MediatR;
using Timeline.Application.Ingestion.IngestArticle;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;

namespace Timeline.Api.Tests.Support;

/// <summary>
/// TEST-ONLY. Understands exactly the articles <see cref="Articles.Statement"/> writes ("…— SPEAKER, a spokesman …, said on
/// DATE that … "QUOTE" …") and appends their ArticleIngested and StatementMade to article-&lt;id&gt; with expected revision no-stream.
/// </summary>
public sealed partial class TestOnlyIngestArticleHandler(IEventStore store) : IRequestHandler<IngestArticle, IngestArticleResult>
{
    [GeneratedRegex("— (?<speaker>[^,]+), a spokesman[^,]*, said on (?<date>[A-Z][a-z]+ \\d+, \\d{4}) that [^\"]*\"(?<quote>[^\"]+)\"")]
    private static partial Regex StatementPattern();

    public async Task<IngestArticleResult> Handle(IngestArticle request, CancellationToken cancellationToken)
    {
        var article = request.Article;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(article.Body))).ToLowerInvariant();
        if (!ArticleId.TryParse(article.Id ?? "sha256-" + hash[..32], out var id, out var error))
            return Failed(article, error);
        var match = StatementPattern().Match(article.Body);
        if (!match.Success)
            return Failed(article, "the test-only extractor understands only Articles.Statement texts");
        if ((await store.GetStreamState(id.StreamName, cancellationToken)).Exists)
            return new IngestArticleResult { Outcome = IngestOutcome.Duplicate, ArticleId = id.Value, Origin = article.Origin };

        var day = DateOnly.ParseExact(match.Groups["date"].Value, "MMMM d, yyyy", CultureInfo.InvariantCulture);
        var statement = TestEvents.Statement(id.Value, match.Groups["speaker"].Value, "TJ", match.Groups["quote"].Value) with
        {
            Occurred = HistoricalDate.OfDay(day),
        };
        var ingested = new ArticleIngested
        {
            EventId = DeterministicGuid.Create(id.Value, "ArticleIngested", hash),
            ArticleId = id,
            Title = article.Title,
            ContentHash = hash,
            IngestedAt = DateTimeOffset.UtcNow,
            ExtractorVersion = "test-only",
            EventCount = 1,
        };
        var result = await store.AppendToStream(id.StreamName, ExpectedRevision.NoStream,
            [DomainEventSerializer.Serialize(ingested), DomainEventSerializer.Serialize(statement)], cancellationToken);
        return new IngestArticleResult
        {
            Outcome = IngestOutcome.Ingested,
            ArticleId = id.Value,
            Origin = article.Origin,
            Position = result.Position.ToString(),
            EventsByType = new Dictionary<string, int> { ["StatementMade"] = 1 },
        };
    }

    private static IngestArticleResult Failed(ArticleInput article, string reason) =>
        new() { Outcome = IngestOutcome.Failed, Origin = article.Origin, Reason = reason };
}
