namespace Timeline.Domain.Events;

/// <summary>Where in its article's text the evidence sentence lies (UTF-16 offsets into the article body).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>The article an event was extracted from, and the sentence that supports it.</summary>
public sealed record EventSource
{
    public required ArticleId ArticleId { get; init; }
    public string? Title { get; init; }
    public string? Outlet { get; init; }
    public string? Url { get; init; }
    /// <summary>Publication date as known: a day, or less precise when inferred from the text.</summary>
    public Dates.HistoricalDate? Published { get; init; }
    public required string Evidence { get; init; }
    public required TextSpan EvidenceSpan { get; init; }
}
