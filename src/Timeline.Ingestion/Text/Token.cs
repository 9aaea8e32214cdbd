using System.Text.RegularExpressions;

namespace Timeline.Ingestion.Text;

/// <summary>A word, number or punctuation mark of a text, with its offset. <see cref="Norm"/> drops a possessive "'s".</summary>
public readonly record struct Token(string Text, int Start)
{
    public int End => Start + Text.Length;

    /// <summary>The token without a trailing possessive ("IRPT’s" → "IRPT").</summary>
    public string Norm =>
        Text.Length > 2 && (Text.EndsWith("'s", StringComparison.Ordinal) || Text.EndsWith("’s", StringComparison.Ordinal))
            ? Text[..^2]
            : Text.Length > 1 && (Text[^1] == '\'' || Text[^1] == '’') ? Text[..^1] : Text;

    public bool IsWord => Text.Length > 0 && char.IsLetter(Text[0]);
    public bool IsCapitalized => Text.Length > 0 && char.IsUpper(Text[0]);
    public bool IsNumber => Text.Length > 0 && char.IsDigit(Text[0]);
    public bool Is(string text) => string.Equals(Text, text, StringComparison.OrdinalIgnoreCase);
}

public static partial class Tokenizer
{
    // Dotted acronyms ("D.C.", "U.S."), words with inner apostrophes/hyphens/dots ("People's", "Kun.uz"), numbers, single marks.
    [GeneratedRegex(@"(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:(?:['’\-]|\.(?=\p{Ll}))[\p{L}\p{N}]+)*(?:['’]s?(?=\W|$))?|[^\s\p{L}\p{N}]", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    public static Token[] Tokenize(string text, int offset = 0)
    {
        var matches = TokenPattern().Matches(text);
        var tokens = new Token[matches.Count];
        for (var i = 0; i < matches.Count; i++)
            tokens[i] = new Token(matches[i].Value, matches[i].Index + offset);
        return tokens;
    }
}
