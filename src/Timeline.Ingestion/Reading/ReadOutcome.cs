using Timeline.Ingestion.Articles;

namespace Timeline.Ingestion.Reading;

/// <summary>One article read from a file (or one line of a JSON Lines file), or why it could not be read.</summary>
public abstract record ReadOutcome(string Origin)
{
    public sealed record Read(ArticleDocument Article) : ReadOutcome(Article.Origin);
    public sealed record Failed(string Origin, string Reason) : ReadOutcome(Origin);
}
