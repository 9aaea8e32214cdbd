namespace Timeline.Ingestion.Articles;

/// <summary>An article as read from a file or a request, before extraction. Metadata may be missing.</summary>
public sealed record ArticleDocument
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Outlet { get; init; }
    public string? Url { get; init; }
    /// <summary>Publication date as written in the metadata (ISO date, or date-time); null when unknown.</summary>
    public string? Published { get; init; }
    public string? Language { get; init; }
    public required string Body { get; init; }
    /// <summary>Where it came from, for messages ("samples/a.md", "feed.jsonl:12").</summary>
    public string Origin { get; init; } = "";
}

/// <summary>The article cannot be ingested as it is (empty, not text, impossible date, bad metadata); the message says why.</summary>
public sealed class ArticleRejectedException(string message) : Exception(message);
