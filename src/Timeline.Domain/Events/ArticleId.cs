namespace Timeline.Domain.Events;

/// <summary>
/// An article's id: from its front matter, or a content hash. Letters, digits, '.', '_' and '-' only,
/// because it becomes part of the stream name <c>article-&lt;id&gt;</c>.
/// </summary>
public readonly record struct ArticleId
{
    public const int MaxLength = 120;

    public string Value { get; }

    private ArticleId(string value) => Value = value;

    public static ArticleId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    public static bool TryParse(string? text, out ArticleId id, out string error)
    {
        id = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "An article id is empty.";
            return false;
        }
        if (text.Length > MaxLength)
        {
            error = $"An article id is longer than {MaxLength} characters.";
            return false;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                error = $"Article id '{text}' has the character '{c}'; use letters, digits, '.', '_' and '-'.";
                return false;
            }
        }
        id = new ArticleId(text);
        return true;
    }

    /// <summary>The stream that holds this article's events.</summary>
    public string StreamName => ArticleStreams.Prefix + Value;

    public override string ToString() => Value ?? "";
}

public static class ArticleStreams
{
    public const string Prefix = "article-";

    public static string For(ArticleId id) => Prefix + id.Value;

    public static bool TryGetArticleId(string streamName, out ArticleId id)
    {
        id = default;
        return streamName.StartsWith(Prefix, StringComparison.Ordinal)
            && ArticleId.TryParse(streamName[Prefix.Length..], out id, out _);
    }
}
