using MediatR;

namespace Timeline.Application.Ingestion.IngestArticle;

/// <summary>
/// An article as it arrives, before extraction: from a file (the CLI) or a request (gRPC).
/// Metadata may be missing; <see cref="Body"/> is the article text.
/// </summary>
public sealed record ArticleInput
{
    /// <summary>The article id from front matter or the request; null → a content hash.</summary>
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Outlet { get; init; }
    public string? Url { get; init; }
    /// <summary>Publication date as given (ISO / EDTF text); null when unknown.</summary>
    public string? Published { get; init; }
    public string? Language { get; init; }
    public required string Body { get; init; }
    /// <summary>Where it came from, for messages ("samples/tj-ban.md", "samples/feed.jsonl:12", "grpc").</summary>
    public string Origin { get; init; } = "";
}

/// <summary>
/// Extract the domain events of one article and append them, with its <c>ArticleIngested</c> record, as one atomic
/// append to <c>article-&lt;id&gt;</c> with expected revision no-stream.
/// </summary>
public sealed record IngestArticle(ArticleInput Article, string? DefaultPublished = null) : IRequest<IngestArticleResult>;

public enum IngestOutcome { Ingested, Duplicate, Failed }

public sealed record IngestArticleResult
{
    public required IngestOutcome Outcome { get; init; }
    public string? ArticleId { get; init; }
    public string Origin { get; init; } = "";
    /// <summary>Timeline events by type name, for the summary.</summary>
    public IReadOnlyDictionary<string, int> EventsByType { get; init; } = new Dictionary<string, int>();
    /// <summary>Why it failed, in words a person can act on.</summary>
    public string? Reason { get; init; }
    /// <summary>Log position of the append, when ingested.</summary>
    public string? Position { get; init; }

    public int EventCount => EventsByType.Values.Sum();
}
