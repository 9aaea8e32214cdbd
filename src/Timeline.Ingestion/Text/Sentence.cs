namespace Timeline.Ingestion.Text;

/// <summary>One sentence of an article body: its text, where it lies in the body, its tokens and its paragraph.</summary>
public sealed class Sentence(int index, int start, string text, int paragraph)
{
    private Token[]? _tokens;

    public int Index { get; } = index;
    public int Start { get; } = start;
    public string Text { get; } = text;
    public int Paragraph { get; } = paragraph;
    public int Length => Text.Length;
    public int End => Start + Text.Length;

    /// <summary>Tokens with offsets into the article body.</summary>
    public Token[] Tokens => _tokens ??= Tokenizer.Tokenize(Text, Start);

    public override string ToString() => Text;
}
